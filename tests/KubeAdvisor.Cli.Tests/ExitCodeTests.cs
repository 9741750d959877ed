using KubeAdvisor.Cli.Tests.Support;

namespace KubeAdvisor.Cli.Tests;

/// <summary>0 clean, 1 findings at or above --fail-on, 2 usage and input errors (with file:line), never a crash.</summary>
public sealed class ExitCodeTests
{
    private const string Clean = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: registry.example.com/shop/api:1.4.2
        """;

    private const string Latest = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx:latest}]}\n";

    [Fact]
    public async Task Scan_CleanManifest_Exits0()
    {
        using var folder = CliRun.Files(("api.yaml", Clean));

        var run = await folder.ScanAsync("api.yaml");

        Assert.Equal(0, run.Exit);
        Assert.Contains("0 finding(s) in 1 workload(s) from 1 object(s) in 1 file(s); passing", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("high", 1)]
    [InlineData("low", 1)]
    [InlineData("critical", 0)]
    [InlineData("none", 0)]
    public async Task Scan_HighFinding_ExitsByThreshold(string? failOn, int expected)
    {
        using var folder = CliRun.Files(("pod.yaml", Latest));

        var run = await folder.ScanAsync(failOn is null ? ["pod.yaml"] : ["pod.yaml", "--fail-on", failOn]);

        Assert.Equal(expected, run.Exit);
        Assert.Contains("pod.yaml:4: high image-tag-latest default/Pod/p container c", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "scan" }, "Name the manifests")]
    [InlineData(new[] { "scan", "x.yaml", "--format", "xml" }, "--format must be")]
    [InlineData(new[] { "scan", "x.yaml", "--fail-on", "severe" }, "--fail-on must be")]
    [InlineData(new[] { "scan", "x.yaml", "--bogus" }, "Unknown option --bogus")]
    [InlineData(new[] { "scan", "missing.yaml" }, "missing.yaml: no such file or folder")]
    [InlineData(new[] { "scan", "x.yaml", "--server", "http://kubeadvisor.example.com", "--cluster", "c", "--token", "t" }, "must use https://")]
    [InlineData(new[] { "scan", "x.yaml", "--server", "https://kubeadvisor.example.com", "--cluster", "c" }, "needs --cluster NAME and a token")]
    [InlineData(new[] { "scan", "x.yaml", "--settings", "nope.yaml" }, "nope.yaml: no such settings file")]
    [InlineData(new[] { "deploy" }, "Unknown command 'deploy'")]
    public async Task Run_UsageErrors_Exit2WithTheReason(string[] args, string reason)
    {
        using var folder = CliRun.Files(("x.yaml", Latest));

        var run = await CliRun.RunAsync(args, workingDirectory: folder.Path);

        Assert.Equal(2, run.Exit);
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_BadSettingsField_Exit2NamingTheField()
    {
        using var folder = CliRun.Files(("x.yaml", Clean), ("s.yaml", "apiVersion: kubeadvisor.io/v1\nkind: PolicySettings\npolicies: {image-tag-latest: {enabeld: false}}\n"));

        var run = await folder.ScanAsync("x.yaml", "--settings", "s.yaml");

        Assert.Equal(2, run.Exit);
        Assert.Contains("s.yaml: policies.image-tag-latest.enabeld: unknown field.", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p\nspec: {}\n", "bad.yaml:3: not valid YAML")]
    [InlineData("indent.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n bad: x\n", "indent.yaml:5: not valid YAML")]
    [InlineData("bad.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\" \"x\"\n}\n", "bad.json:3: not valid JSON")]
    [InlineData("alias.yaml", "apiVersion: v1\nkind: Pod\nmetadata: &m {name: p}\n", "alias.yaml:3: defines an anchor (&m)")]
    [InlineData("label.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {version: 1}}\nspec: {containers: [{name: c, image: a:1}]}\n", "label.yaml:2: Pod p: Expected a string")]
    public async Task Scan_MalformedManifest_Exit2WithFileAndLine(string name, string content, string error)
    {
        using var folder = CliRun.Files((name, content), ("good.yaml", Latest));

        var run = await folder.ScanAsync(".");

        Assert.Equal(2, run.Exit);
        Assert.Contains(error, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }
}
