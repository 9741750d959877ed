namespace KubeAdvisor.Cli;

/// <summary>The command line: <c>scan</c>, <c>--help</c>, <c>--version</c>. Every error is one line on stderr and exit code 2.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            await console.Stdout.WriteLineAsync(CliText.Usage);
            return args.Length == 0 ? ExitCodes.Error : ExitCodes.Clean;
        }

        if (args[0] is "--version" or "version")
        {
            await console.Stdout.WriteLineAsync($"kubeadvisor {CliText.Version}");
            return ExitCodes.Clean;
        }

        try
        {
            if (args[0] != "scan")
            {
                throw new UsageException($"Unknown command '{args[0]}'. Run kubeadvisor --help.");
            }

            if (args.Skip(1).Any(a => a is "--help" or "-h"))
            {
                await console.Stdout.WriteLineAsync(CliText.Usage);
                return ExitCodes.Clean;
            }

            return await ScanCommand.RunAsync(ScanArguments.Parse(args[1..], console.Environment), console, ct);
        }
        catch (UsageException e)
        {
            await console.Stderr.WriteLineAsync($"kubeadvisor: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
