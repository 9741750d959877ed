using System.Text;
using KubeAdvisor.Testing;

namespace KubeAdvisor.Cli.Tests.Support;

/// <summary>One run of the CLI in this process (the same entry point as the binary), with its exit code and output.</summary>
public sealed record CliRun(int Exit, string Stdout, string Stderr)
{
    /// <summary>Runs <c>kubeadvisor</c> with <paramref name="args"/> in <paramref name="workingDirectory"/> (the repository root by default).</summary>
    public static async Task<CliRun> RunAsync(string[] args, string? stdin = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        await using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? ""));
        var console = new CliConsole(input, stdout, stderr, workingDirectory ?? RepositoryFiles.Root,
            name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);
        var exit = await CliApp.RunAsync(args, console, CancellationToken.None);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliRun> ScanAsync(params string[] args) => RunAsync(["scan", .. args]);

    /// <summary>A throw-away folder with the given files (relative name → content); deleted on dispose.</summary>
    public static TempFolder Files(params (string Name, string Content)[] files) => new(files);
}

/// <summary>A temporary folder of manifests.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder((string Name, string Content)[] files)
    {
        Path = Directory.CreateTempSubdirectory("kubeadvisor-cli-").FullName;
        foreach (var (name, content) in files)
        {
            var full = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
    }

    public string Path { get; }

    public Task<CliRun> ScanAsync(params string[] args) => CliRun.RunAsync(["scan", .. args], workingDirectory: Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
