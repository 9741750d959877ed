using KubeAdvisor.Cli.Tests.Support;
using KubeAdvisor.Testing;

namespace KubeAdvisor.Cli.Tests;

/// <summary>
/// The demo manifests in every format, compared with committed files: sorted, no timestamps, no absolute paths, so a
/// change shows as a diff. KUBEADVISOR_WRITE_GOLDEN=1 writes them instead
/// (<c>KUBEADVISOR_WRITE_GOLDEN=1 ./test.sh tests/KubeAdvisor.Cli.Tests --filter GoldenOutput</c>).
/// </summary>
public sealed class GoldenOutputTests
{
    public const string Demo = "src/KubeAdvisor.DemoCluster/Manifests";

    [Theory]
    [InlineData("text", "demo.txt")]
    [InlineData("json", "demo.json")]
    [InlineData("sarif", "demo.sarif")]
    [InlineData("junit", "demo.junit.xml")]
    public async Task Scan_DemoManifests_MatchesTheGoldenFile(string format, string golden)
    {
        var run = await CliRun.ScanAsync(Demo, "--format", format, "--fail-on", "none");
        var again = await CliRun.ScanAsync(Demo, "--format", format, "--fail-on", "none");

        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Stderr);
        Assert.Equal(run.Stdout, again.Stdout);
        Assert.DoesNotContain(RepositoryFiles.Root, run.Stdout, StringComparison.Ordinal);
        var path = RepositoryFiles.PathOf($"tests/KubeAdvisor.Cli.Tests/Golden/{golden}");
        if (Environment.GetEnvironmentVariable("KUBEADVISOR_WRITE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(path, run.Stdout);
        }

        Assert.True(File.Exists(path), $"{golden} is missing: run with KUBEADVISOR_WRITE_GOLDEN=1 to write it.");
        Assert.Equal(await File.ReadAllTextAsync(path), run.Stdout);
    }

    [Fact]
    public async Task Scan_DemoManifests_FindsWhatTheFixturesTypedPathFinds()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf(Demo), "*.yaml").Order(StringComparer.Ordinal);
        var snapshot = KubeAdvisor.Kubernetes.Manifests.ManifestLoader.Load(string.Join("\n---\n", files.Select(File.ReadAllText)));
        var typed = KubeAdvisor.Core.Evaluation.PolicyEvaluator.Evaluate(snapshot, KubeAdvisor.Core.Policies.ClusterPolicySettings.Default).Findings
            .Select(f => $"{f.Namespace}/{f.WorkloadKind}/{f.WorkloadName}/{f.ContainerName}/{f.PolicyId}: {f.Message}").Order(StringComparer.Ordinal);

        var run = await CliRun.ScanAsync(Demo, "--format", "json", "--fail-on", "none");
        var cli = System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("namespace")}/{f.GetProperty("kind")}/{f.GetProperty("name")}/{f.GetProperty("container")}/{f.GetProperty("policy")}: {f.GetProperty("message")}")
            .Order(StringComparer.Ordinal);

        Assert.NotEmpty(typed);
        Assert.Equal(typed, cli);
    }

    [Fact]
    public async Task Scan_OutputFile_WritesTheReport_AndTheSummaryToStderr()
    {
        var output = Path.Combine(Path.GetTempPath(), $"kubeadvisor-{Guid.NewGuid():N}.json");
        try
        {
            var run = await CliRun.ScanAsync(Demo, "--format", "json", "--output", output);

            Assert.Equal(1, run.Exit);
            Assert.Equal("", run.Stdout);
            Assert.Contains("failing: 8 at or above high", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(await File.ReadAllTextAsync(RepositoryFiles.PathOf("tests/KubeAdvisor.Cli.Tests/Golden/demo.json")), await File.ReadAllTextAsync(output));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
