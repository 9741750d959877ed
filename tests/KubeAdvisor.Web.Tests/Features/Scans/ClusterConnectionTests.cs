using System.Net;
using System.Net.Http.Json;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>Connecting clusters over the API: refusals store nothing, secrets stay encrypted, roles are enforced.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ClusterConnectionTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public static TheoryData<string, string> DangerousUsers() => new()
    {
        { "exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/sh\n      args: [\"-c\", \"touch /tmp/pwned\"]", "exec" },
        { "auth-provider:\n      name: oidc\n      config:\n        idp-issuer-url: https://issuer.example", "auth-provider" },
        { "client-certificate: /etc/passwd\n    client-key: /etc/shadow", "client-certificate" },
        { "tokenFile: /var/run/secrets/token", "tokenFile" },
    };

    [Theory]
    [MemberData(nameof(DangerousUsers))]
    public async Task AddCluster_KubeconfigThatRunsOrReads_IsRefusedAndNothingIsStored(string user, string named)
    {
        var before = await fx.Database.ScalarAsync("SELECT count(*) FROM clusters");
        var kubeconfig = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: {_fake.BaseAddress}
            users:
            - name: u
              user:
                {user}
            contexts:
            - name: x
              context:
                cluster: c
                user: u
            current-context: x
            """;

        var response = await _api.Http.PostAsJsonAsync("/api/v1/clusters", new { name = "evil", kubeconfig });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await fx.Database.ScalarAsync("SELECT count(*) FROM clusters"));
        Assert.False(File.Exists("/tmp/pwned"));
    }

    [Fact]
    public async Task AddCluster_MalformedKubeconfig_Is400WithAMessage()
    {
        var response = await _api.Http.PostAsJsonAsync("/api/v1/clusters", new { name = "broken", kubeconfig = "clusters: [ {{{" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid YAML", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddCluster_StoredKubeconfig_IsNotReadableInTheDatabase()
    {
        var id = await _api.AddClusterAsync("secret-" + Guid.NewGuid().ToString("N")[..6], _fake.Kubeconfig());

        var stored = (string)(await fx.Database.ScalarAsync($"SELECT \"EncryptedKubeconfig\" FROM clusters WHERE \"Id\" = '{id}'"))!;

        Assert.DoesNotContain(_fake.Token, stored);
        Assert.DoesNotContain("certificate-authority-data", stored);
        Assert.DoesNotContain("apiVersion", stored);
        var listed = await _api.Http.GetStringAsync($"/api/v1/clusters/{id}");
        Assert.DoesNotContain(_fake.Token, listed);
    }

    [Fact]
    public async Task Roles_ViewerCannotScanAndEngineerCannotAddClusters()
    {
        var id = await _api.AddClusterAsync("roles-" + Guid.NewGuid().ToString("N")[..6], _fake.Kubeconfig());
        var viewer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Viewer));
        var engineer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Engineer));

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v1/clusters/{id}/scans", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/clusters/{id}/findings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/clusters", new { name = "x", kubeconfig = _fake.Kubeconfig() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.DeleteAsync($"/api/v1/clusters/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await engineer.PostAsync($"/api/v1/clusters/{id}/scans", null)).StatusCode);
    }

    [Theory]
    [InlineData("severity=urgent", "severity")]
    [InlineData("status=closed", "status")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=5000", "pageSize")]
    public async Task Findings_BadQuery_Is400NamingTheParameter(string query, string named)
    {
        var id = await _api.AddClusterAsync("q-" + Guid.NewGuid().ToString("N")[..6], _fake.Kubeconfig());

        var response = await _api.Http.GetAsync($"/api/v1/clusters/{id}/findings?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownIds_Are404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.GetAsync($"/api/v1/clusters/{Guid.NewGuid()}/findings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.GetAsync($"/api/v1/scans/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.DeleteAsync($"/api/v1/clusters/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task DeleteCluster_RemovesItsDataAndIsAudited()
    {
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        var name = "del-" + Guid.NewGuid().ToString("N")[..6];
        var id = await _api.AddClusterAsync(name, _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Http.DeleteAsync($"/api/v1/clusters/{id}")).StatusCode);

        Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM findings WHERE \"ClusterId\" = '{id}'"));
        Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM scans WHERE \"ClusterId\" = '{id}'"));
        Assert.Equal(1L, await fx.Database.ScalarAsync($"SELECT count(*) FROM audit_entries WHERE \"Action\" = 'cluster.deleted' AND \"Target\" = '{name}'"));
    }

    [Fact]
    public async Task Csv_Findings_AreExportedWithAHeader()
    {
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        var id = await _api.AddClusterAsync("csv-" + Guid.NewGuid().ToString("N")[..6], _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(id);

        var csv = await _api.Http.GetStringAsync($"/api/v1/clusters/{id}/findings?format=csv");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(FindingsCsv.Header, lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains(",shop,Deployment,web,web,Regular,nginx,image-tag-missing,high,", StringComparison.Ordinal));
    }
}
