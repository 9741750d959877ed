namespace KubeAdvisor.Cli;

/// <summary>What a run reads and writes besides files: stdin, stdout, stderr, the working directory and the environment.</summary>
internal sealed record CliConsole(Stream Stdin, TextWriter Stdout, TextWriter Stderr, string WorkingDirectory, Func<string, string?> Environment)
{
    public static CliConsole System() =>
        new(Console.OpenStandardInput(), Console.Out, Console.Error, Directory.GetCurrentDirectory(), global::System.Environment.GetEnvironmentVariable);
}
