namespace KubeAdvisor.ScaleBench;

internal static class DashboardSeedVerb
{
    public static Task<int> RunAsync(BenchArgs args)
    {
        Console.Error.WriteLine("dashboard-seed: not written yet");
        return Task.FromResult(args.Int("exit", 2));
    }
}
