using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Api;

/// <summary>GET /api/v1/clusters/{id}/admission/validating-admission-policy.yaml reads the cluster's stored settings.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AdmissionApiTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Get_StoredSettings_YamlCarriesThemAndTheAction()
    {
        var cluster = await _api.AddClusterAsync("vap-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var settings = ClusterPolicySettings.Default.WithPolicy("container-privileged", new PolicyOverride(Enabled: true, Severity: Severity.Critical))
            with { ExcludedNamespaces = ["team-sandbox"] };
        await using (var db = await fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>().CreateDbContextAsync())
        {
            await db.Clusters.Where(c => c.Id == cluster)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.PolicySettingsJson, PolicySettingsJson.Serialize(settings)));
        }

        var response = await _api.Http.GetAsync($"/api/v1/clusters/{cluster}/admission/validating-admission-policy.yaml?action=Warn");
        var yaml = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("kind: ValidatingAdmissionPolicy\n", yaml, StringComparison.Ordinal);
        Assert.Contains("[container-privileged, critical]", yaml, StringComparison.Ordinal);
        Assert.Contains("- \"team-sandbox\"", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("kube-system", yaml, StringComparison.Ordinal);
        Assert.Contains("validationActions: [Warn]", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownClusterOrBadAction_NotFoundOrBadRequest()
    {
        var missing = await _api.Http.GetAsync($"/api/v1/clusters/{Guid.NewGuid()}/admission/validating-admission-policy.yaml");
        var cluster = await _api.AddClusterAsync("vap-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var bad = await _api.Http.GetAsync($"/api/v1/clusters/{cluster}/admission/validating-admission-policy.yaml?action=Allow");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
