using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KubeAdvisor.Cli.Tests.Support;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing.Hosting;

namespace KubeAdvisor.Cli.Tests;

/// <summary>
/// --server: the CLI applies exactly what the dashboard shows for a cluster, pulled from a running KubeAdvisor: its
/// settings (a policy switched off with PUT /policy-settings) and its approved exceptions (an Admin's request is
/// approved at once), and another cluster's are not applied. Server errors exit 2 without printing the token.
/// </summary>
public sealed class ServerSettingsTests(ServerFixture server) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeKubernetesServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Scan_WithServer_AppliesTheClustersSettingsAndApprovedExceptions()
    {
        var name = "ci-" + Guid.NewGuid().ToString("N")[..6];
        var cluster = await server.Admin.AddClusterAsync(name, _fake.Kubeconfig());
        var other = await server.Admin.AddClusterAsync(name + "-other", _fake.Kubeconfig());
        var put = await server.Admin.Http.PutAsync($"/api/v1/clusters/{cluster}/policy-settings", new StringContent(
            "apiVersion: kubeadvisor.io/v1\nkind: PolicySettings\npolicies:\n  image-tag-latest: {enabled: false}\n", Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var exception = await server.Admin.Http.PostAsJsonAsync("/api/v1/exceptions", new
        {
            clusterId = cluster, @namespace = "shop", kind = "Deployment", name = "cart", policies = new[] { "image-tag-missing" },
            reason = "redis is pinned by the operator", expiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        Assert.Equal(HttpStatusCode.Created, exception.StatusCode);
        Assert.Equal("approved", JsonDocument.Parse(await exception.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        var mine = await ScanAsync(name);
        var theirs = await ScanAsync(name + "-other");

        Assert.True(mine.Exit == 1, mine.Stderr);
        Assert.DoesNotContain(mine.Findings, f => f.Policy == "image-tag-latest");
        Assert.DoesNotContain(mine.Findings, f => f is { Policy: "image-tag-missing", Name: "cart" });
        Assert.Contains(mine.Findings, f => f is { Policy: "image-tag-missing", Name: "frontend" });
        Assert.Contains(theirs.Findings, f => f is { Policy: "image-tag-latest", Name: "web" });
        Assert.Contains(theirs.Findings, f => f is { Policy: "image-tag-missing", Name: "cart" });
        Assert.NotEqual(cluster, other);
    }

    [Fact]
    public async Task Scan_WithServer_Errors_Exit2AndNeverPrintTheToken()
    {
        const string wrong = "not-the-token-0123456789";
        var refused = await CliRun.RunAsync(["scan", GoldenOutputTests.Demo, "--server", server.BaseUrl, "--cluster", "x"],
            environment: new Dictionary<string, string> { ["KUBEADVISOR_TOKEN"] = wrong });
        var unknown = await CliRun.RunAsync(["scan", GoldenOutputTests.Demo, "--server", server.BaseUrl, "--cluster", "no-such-cluster"],
            environment: new Dictionary<string, string> { ["KUBEADVISOR_TOKEN"] = KubeAdvisorAppFactory.BootstrapToken });
        var unreachable = await CliRun.RunAsync(["scan", GoldenOutputTests.Demo, "--server", "http://127.0.0.1:1", "--cluster", "x", "--token", wrong]);

        Assert.Equal(2, refused.Exit);
        Assert.Contains("the token was refused (401)", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("there is no cluster named 'no-such-cluster'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unreachable.Exit);
        Assert.Contains("cannot reach http://127.0.0.1:1/", unreachable.Stderr, StringComparison.Ordinal);
        foreach (var run in new[] { refused, unknown, unreachable })
        {
            Assert.DoesNotContain(wrong, run.Stderr + run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(KubeAdvisorAppFactory.BootstrapToken, run.Stderr + run.Stdout, StringComparison.Ordinal);
        }
    }

    private async Task<(int Exit, string Stderr, List<(string Policy, string Name)> Findings)> ScanAsync(string cluster)
    {
        var run = await CliRun.RunAsync(["scan", GoldenOutputTests.Demo, "--format", "json", "--server", server.BaseUrl, "--cluster", cluster],
            environment: new Dictionary<string, string> { ["KUBEADVISOR_TOKEN"] = KubeAdvisorAppFactory.BootstrapToken });
        var findings = run.Stdout.Length == 0 ? [] : JsonDocument.Parse(run.Stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("policy").GetString()!, f.GetProperty("name").GetString()!)).ToList();
        return (run.Exit, run.Stderr, findings);
    }
}
