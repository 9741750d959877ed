using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Kubeconfig;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Clusters;

/// <summary>
/// Kubeconfig intake through the API and the wizard's path (ClusterAdministration): bounded before parsing, and
/// private destinations refused unless allow-listed. The shared app allow-lists loopback (KubeAdvisorAppFactory).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class KubeconfigIntakeTests(WebAppFixture fx)
{
    // A real Admin of the database: the service checks the role there, not in the principal.
    private async Task<ClaimsPrincipal> AdminAsync() => (await TestUsers.CreateAsync(fx.App, Roles.Admin)).Principal;

    private static string Kubeconfig(string server = "https://k8s.example.com", string user = "token: abc", string extra = "") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: {server}
        users:
        - name: u
          user:
            {user}
        contexts:
        - name: x
          context: {"{"}cluster: c, user: u{"}"}
        current-context: x
        {extra}
        """;

    private static string Nested(int levels) => "preferences: {x: " + new string('[', levels) + new string(']', levels) + "}";

    private static async Task<(HttpStatusCode Status, string Body)> AddAsync(ApiClient api, string name, string kubeconfig)
    {
        var response = await api.Http.PostAsJsonAsync("/api/v1/clusters", new { name, kubeconfig });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<long> CountNamedAsync(string name) =>
        (long)(await fx.Database.ScalarAsync($"SELECT count(*) FROM clusters WHERE \"Name\" = '{name}'"))!;

    [Fact]
    public async Task AddCluster_NestedTwentyThousandDeep_Is400AndTheServerStillServes()
    {
        var api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);

        var (status, body) = await AddAsync(api, "deep", Kubeconfig(extra: Nested(20_000)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The kubeconfig nests deeper than 32 levels at line", body, StringComparison.Ordinal);
        Assert.Equal(0, await CountNamedAsync("deep"));
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/api/v1/clusters")).StatusCode);
    }

    [Fact]
    public async Task Inspect_WizardPathNestedTwentyThousandDeep_RefusedAndTheServerStillServes()
    {
        using var scope = fx.App.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<ClusterAdministration>();
        var adminUser = await AdminAsync();

        var result = await admin.InspectAsync(adminUser, Kubeconfig(extra: Nested(20_000)), null, false);
        var (validation, test) = await admin.TestAsync(adminUser, Kubeconfig(extra: Nested(20_000)), null, false, CancellationToken.None);

        Assert.Contains(result.Errors, e => e.StartsWith("The kubeconfig nests deeper than 32 levels", StringComparison.Ordinal));
        Assert.Equal(result.Errors, validation.Errors);
        Assert.Null(test);
        var api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [InlineData("user: {<<: *e}", "x-defaults: &e\n  exec: {command: /bin/sh, args: [\"-c\", \"touch /tmp/pwned-merge\"]}")]
    [InlineData("user: {<<: {exec: {command: /bin/sh, args: [\"-c\", \"touch /tmp/pwned-merge\"]}}}", "")]
    public async Task AddCluster_MergeKeyHidingExec_Is400AndNoClusterRow(string user, string extra)
    {
        var api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
        // The anchor comes first, as YAML requires of an anchor an alias refers to.
        var kubeconfig = extra + "\n" + Kubeconfig().Replace("  user:\n    token: abc", "  " + user, StringComparison.Ordinal);

        var (status, body) = await AddAsync(api, "merge", kubeconfig);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Matches("anchor|merge key", body);
        Assert.Equal(0, await CountNamedAsync("merge"));
        Assert.False(File.Exists("/tmp/pwned-merge"));
    }

    [Fact]
    public async Task AddCluster_LargerThan256KiB_Is400WithTheLimit()
    {
        var api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);

        var (status, body) = await AddAsync(api, "big", Kubeconfig(extra: "# " + new string('x', 300 * 1024)));
        var (hugeStatus, hugeBody) = await AddAsync(api, "huge", Kubeconfig(extra: "# " + new string('x', 2 * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 256 KiB is accepted", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, hugeStatus);
        Assert.Contains("The request body is larger than 1024 KiB.", hugeBody, StringComparison.Ordinal);
        Assert.Equal(0, await CountNamedAsync("big") + await CountNamedAsync("huge"));
    }

    [Fact]
    public async Task AddCluster_PrivateServers_RefusedUnlessAllowListed_AndRefusalsGiveOneMessage()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        await using var db = await PostgresDatabase.CreateAsync();
        await using var other = new KubeAdvisorAppFactory(db.ConnectionString, new Dictionary<string, string?> { ["SERVER_ALLOWLIST"] = "10.0.0.0/8" });
        var loopbackListed = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
        var tenListed = ApiClient.WithToken(other, KubeAdvisorAppFactory.BootstrapToken);

        var loopback = await AddAsync(loopbackListed, "loopback-listed", Kubeconfig("https://127.0.0.1:1"));
        var loopbackRefused = await AddAsync(tenListed, "loopback", Kubeconfig("https://127.0.0.1:1"));
        var ten = await AddAsync(tenListed, "ten-listed", Kubeconfig("https://10.1.2.3"));
        var tenRefused = await AddAsync(loopbackListed, "ten", Kubeconfig("https://10.1.2.3"));
        var metadata = await AddAsync(tenListed, "metadata", Kubeconfig("https://[::169.254.169.254]"));

        Assert.Equal(HttpStatusCode.Created, loopback.Status);
        Assert.Equal(HttpStatusCode.Created, ten.Status);
        Assert.Equal(HttpStatusCode.BadRequest, loopbackRefused.Status);
        Assert.Contains("127.0.0.1 is a loopback address; it is refused unless KUBEADVISOR_SERVER_ALLOWLIST allows it", loopbackRefused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tenRefused.Status);
        Assert.Contains("10.1.2.3 is a private address (RFC 1918); it is refused unless KUBEADVISOR_SERVER_ALLOWLIST", tenRefused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, metadata.Status);
        Assert.Contains("link-local", metadata.Body, StringComparison.Ordinal);
        await loopbackListed.Http.DeleteAsync($"/api/v1/clusters/{System.Text.Json.Nodes.JsonNode.Parse(loopback.Body)!["id"]}");

        // The wizard's "Test connection" to a name resolving to loopback: an open and a closed port read the same.
        using var scope = other.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<ClusterAdministration>();
        var adminUser = (await TestUsers.CreateAsync(other, Roles.Admin)).Principal; // an Admin of that app's database
        var open = (await admin.TestAsync(adminUser, fake.Kubeconfig().Replace("127.0.0.1", "localhost", StringComparison.Ordinal), null, false, CancellationToken.None)).Test;
        var closed = (await admin.TestAsync(adminUser, Kubeconfig("https://localhost:1"), null, false, CancellationToken.None)).Test;

        Assert.Equal(DestinationRefusedException.MessageFor("localhost"), open?.Error);
        Assert.Equal((open!.Error, open.IsTransient), (closed!.Error, closed.IsTransient));
        // every connection test is audited, with its outcome
        Assert.Equal(2L, await db.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE \"Action\" = 'cluster.connection-tested' AND \"Actor\" = '{adminUser.Identity!.Name}' AND \"Target\" = 'localhost' AND \"Details\" LIKE 'failed: %'"));
    }
}
