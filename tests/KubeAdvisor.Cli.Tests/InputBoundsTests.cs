using System.Text;
using KubeAdvisor.Cli.Tests.Support;

namespace KubeAdvisor.Cli.Tests;

/// <summary>
/// Hostile input ends the run with exit 2 and a sentence, never with the process: YamlDotNet's deserializer (and any
/// recursive reader) overflows the stack on deep nesting, which no catch survives (TOOLCHAIN.md), so depth is bounded
/// on the event stream; size is bounded before reading.
/// </summary>
public sealed class InputBoundsTests
{
    [Theory]
    [InlineData("deep.yaml")]
    [InlineData("deep.json")]
    public async Task Scan_DeeplyNestedDocument_Exit2(string name)
    {
        var deep = name.EndsWith(".json", StringComparison.Ordinal)
            ? "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"spec\": " + new string('[', 100_000) + new string(']', 100_000) + "}"
            : "apiVersion: v1\nkind: Pod\nspec: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        using var folder = CliRun.Files((name, deep));

        var run = await folder.ScanAsync(name);

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{name}:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("64", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_DeepBlockYaml_Exit2AtTheLine()
    {
        var yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\ndata:\n");
        for (var i = 0; i < 200; i++)
        {
            yaml.Append(new string(' ', 2 * (i + 1))).Append("k:\n");
        }

        using var folder = CliRun.Files(("deep.yaml", yaml.ToString()));

        var run = await folder.ScanAsync("deep.yaml");

        Assert.Equal(2, run.Exit);
        Assert.Contains("deep.yaml:67: nests deeper than 64 levels.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_HugeStdin_Exit2BeforeParsing()
    {
        var huge = "# " + new string('x', 33 * 1024 * 1024) + "\n";

        var run = await CliRun.RunAsync(["scan", "-"], stdin: huge);

        Assert.Equal(2, run.Exit);
        Assert.Contains("<stdin>:0: is larger than 32 MiB", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_HugeFile_Exit2NamingIt()
    {
        using var folder = CliRun.Files(("huge.yaml", "# " + new string('x', 33 * 1024 * 1024) + "\n"));

        var run = await folder.ScanAsync(".");

        Assert.Equal(2, run.Exit);
        Assert.Contains("huge.yaml:0: is 33 MiB; at most 32 MiB per file is read.", run.Stderr, StringComparison.Ordinal);
    }
}
