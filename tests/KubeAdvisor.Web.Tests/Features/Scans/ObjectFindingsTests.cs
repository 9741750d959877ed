using Bunit;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Namespaces;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>
/// Findings whose subject is not a workload (decision 0033), end to end: the demo cluster on the fake API over HTTPS →
/// scan job → PostgreSQL → GET /api/v1/clusters/{id}/findings, its CSV and the namespace page; then the object goes and
/// its finding is fixed. Objects are rows beside the workloads but never counted as workloads.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ObjectFindingsTests(WebAppFixture fx) : IAsyncLifetime
{
    private readonly List<k8s.IKubernetesObject> _objects = [.. DemoManifests.LoadAll()];
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _fake.Objects.Replace(_objects);
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Scan_IngressWithoutTls_FindingOnTheIngressInApiCsvAndNamespacePage_FixedWhenItGoes()
    {
        var cluster = await AddClusterAsync("ingress-tls-missing");

        var scan = await _api.ScanAndWaitAsync(cluster);

        var item = Assert.Single(await _api.FindingsAsync(cluster, "policy=ingress-tls-missing"))!;
        Assert.Equal(("shop", "Ingress", "status", null, null), (item["namespace"]!.GetValue<string>(), item["kind"]!.GetValue<string>(),
            item["name"]!.GetValue<string>(), item["container"]?.GetValue<string>(), item["image"]?.GetValue<string>()));
        Assert.Contains("status.shop.example.com", item["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var csv = await _api.Http.GetStringAsync($"/api/v1/clusters/{cluster}/findings?format=csv&policy=ingress-tls-missing");
        var line = Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.Contains(",shop,Ingress,status,,,,ingress-tls-missing,medium,", line, StringComparison.Ordinal);

        // Both Ingresses are rows (the TLS one passed), yet the scan counts only workloads.
        var rows = await RowsAsync(cluster);
        Assert.Equal(["status", "web"], rows.Where(r => r.Kind == "Ingress").Select(r => r.Name).Order());
        Assert.Equal(rows.Count(r => !ObjectKinds.IsObject(r.Kind)), scan["workloads"]!.GetValue<int>());
        Assert.All(rows.Where(r => r.Kind == "Ingress"), r => Assert.Equal("[]", r.ContainersJson));

        await using (var ctx = new DashboardTestContext(fx.Database.ConnectionString, Roles.Viewer))
        {
            var page = ctx.Render<NamespacePage>(p => p.Add(x => x.ClusterId, cluster).Add(x => x.Namespace, "shop"));
            page.WaitForAssertion(() => Assert.Contains("status", page.Find("[data-testid=objects-table]").TextContent, StringComparison.Ordinal));
            Assert.DoesNotContain("Ingress", page.Find("[data-testid=workloads-table]").TextContent, StringComparison.Ordinal);
            var status = rows.Single(r => r.Name == "status" && r.Kind == "Ingress");
            Assert.Equal("status", page.Find($"a[href='/clusters/{cluster}/workloads/{status.Id}']").TextContent);
        }

        // The plain Ingress is deleted: its row is gone and its finding fixed by the next scan.
        _objects.RemoveAll(o => o is k8s.Models.V1Ingress { Metadata.Name: "status" });
        _fake.Objects.Replace(_objects);
        var again = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal((0, 1), (again["introduced"]!.GetValue<int>(), again["fixed"]!.GetValue<int>()));
        Assert.Empty(await _api.FindingsAsync(cluster, "policy=ingress-tls-missing"));
        Assert.NotNull((await RowsAsync(cluster)).Single(r => r.Name == "status" && r.Kind == "Ingress").GoneAt);
    }

    [Fact]
    public async Task Scan_RbacPack_ClusterScopedBindingHasItsOwnEntryInTheDrillDownAndFilter()
    {
        var cluster = await AddClusterAsync();
        await SetPacksAsync(cluster, "rbac");

        await _api.ScanAndWaitAsync(cluster);

        // ?namespace=_cluster: only cluster-scoped subjects, here the CI pipeline's cluster-admin binding.
        var scoped = await _api.FindingsAsync(cluster, "namespace=_cluster");
        var item = Assert.Single(scoped)!;
        Assert.Equal(("", "ClusterRoleBinding", "ci-deployer", "rbac-cluster-admin-binding"), (item["namespace"]!.GetValue<string>(),
            item["kind"]!.GetValue<string>(), item["name"]!.GetValue<string>(), item["policy"]!.GetValue<string>()));
        Assert.Equal("ClusterRoleBinding ci-deployer grants ClusterRole cluster-admin to ServiceAccount:ci/deployer", item["message"]!.GetValue<string>());
        var all = await _api.FindingsAsync(cluster, "");
        Assert.Equal(["rbac-binding-pod-exec", "rbac-cluster-admin-binding", "rbac-default-service-account-bound", "rbac-role-pod-exec", "rbac-secrets-wildcard"],
            all.Select(f => f!["policy"]!.GetValue<string>()).Where(p => p.StartsWith("rbac-", StringComparison.Ordinal)).Order());

        await using var ctx = new DashboardTestContext(fx.Database.ConnectionString, Roles.Viewer);
        var detail = ctx.Render<KubeAdvisor.Web.Features.ClusterDetail.ClusterDetailPage>(p => p.Add(x => x.Id, cluster));
        detail.WaitForAssertion(() => Assert.Equal("Cluster-scoped", detail.Find($"a[href='/clusters/{cluster}/cluster-scoped']").TextContent));
        var page = ctx.Render<ClusterScopedPage>(p => p.Add(x => x.ClusterId, cluster));
        page.WaitForAssertion(() => Assert.Contains("ci-deployer", page.Find("[data-testid=objects-table]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Cluster-scoped", page.Find("[data-testid=namespace-name]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=workloads-table]"));
        // The cluster-scoped checks: ci-deployer's cluster-admin check failed (high, 3); passed: the system:masters binding's
        // (3), three default-ServiceAccount checks (medium, 2 each), metrics-reader's binding-exec (2), role-exec (2) and
        // secrets-wildcard (high, 3) checks. 16 of 19: 84.
        Assert.Contains("84", page.Find("[data-testid=score]").TextContent, StringComparison.Ordinal);
    }

    private async Task<Guid> AddClusterAsync(params string[] policies)
    {
        var cluster = await _api.AddClusterAsync("objects-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var settings = new ClusterPolicySettings { Policies = policies.ToDictionary(p => p, _ => new PolicyOverride(Enabled: true)) };
        await using var db = await Db().CreateDbContextAsync();
        await db.Clusters.Where(c => c.Id == cluster)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PolicySettingsJson, PolicySettingsJson.Serialize(settings)));
        return cluster;
    }

    private async Task SetPacksAsync(Guid cluster, params string[] packs)
    {
        var settings = new ClusterPolicySettings { Packs = packs.ToDictionary(p => p, _ => true) };
        await using var db = await Db().CreateDbContextAsync();
        await db.Clusters.Where(c => c.Id == cluster)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PolicySettingsJson, PolicySettingsJson.Serialize(settings)));
    }

    private async Task<List<Row>> RowsAsync(Guid cluster)
    {
        await using var db = await Db().CreateDbContextAsync();
        return await db.Workloads.AsNoTracking().Where(w => w.ClusterId == cluster)
            .Select(w => new Row(w.Id, w.Kind, w.Namespace, w.Name, w.ContainersJson, w.GoneAt)).ToListAsync();
    }

    private IDbContextFactory<KubeAdvisorDbContext> Db() => fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();

    private sealed record Row(Guid Id, string Kind, string Namespace, string Name, string ContainersJson, DateTimeOffset? GoneAt);
}
