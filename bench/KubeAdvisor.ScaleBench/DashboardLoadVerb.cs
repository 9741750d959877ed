namespace KubeAdvisor.ScaleBench;

internal static class DashboardLoadVerb
{
    public static Task<int> RunAsync(BenchArgs args)
    {
        Console.Error.WriteLine("dashboard-load: not written yet");
        return Task.FromResult(args.Int("exit", 2));
    }
}
