using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>
/// ConfigMaps, opt-in (decision 0037), end to end: the demo cluster on the fake API over HTTPS → scan job → PostgreSQL →
/// the findings API. Granted, the policy names the keys and no value reaches any table; forbidden, the scan is complete
/// while the policy is off and partial (not passed) while it is on.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ConfigMapScanTests(WebAppFixture fx) : IAsyncLifetime
{
    private const string Policy = "configmap-secret-literal";

    // Values of the demo's offending ConfigMaps (Manifests/50-config.yaml): neither may be stored anywhere.
    private static readonly string[] Values = ["demo-only-Sup3rSecret", "ZGVtby1vbmx5LW5vdC1hLXJlYWwta2V5"];

    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _fake.Objects.Replace(DemoManifests.LoadAll());
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Scan_GrantedAndPolicyOn_FindingsNameTheKeysOnTheConfigMaps_NoValueInAnyTable()
    {
        var cluster = await AddClusterAsync(Policy);

        var scan = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        Assert.Null(scan["warning"]);
        var items = (await _api.FindingsAsync(cluster, "policy=" + Policy)).Select(i => i!).OrderBy(i => i["name"]!.GetValue<string>()).ToList();
        Assert.Equal([("platform", "git-deploy-key"), ("payments", "payments-settings")],
            items.Select(i => (i["namespace"]!.GetValue<string>(), i["name"]!.GetValue<string>())));
        Assert.All(items, i => Assert.Equal("ConfigMap", i["kind"]!.GetValue<string>()));
        Assert.Equal("ConfigMap payments/payments-settings holds secret-looking values under DB_PASSWORD (its name says it holds a secret)",
            items[1]["message"]!.GetValue<string>());
        Assert.Equal("ConfigMap platform/git-deploy-key holds secret-looking values under id_ed25519 (its value has the shape of a credential)",
            items[0]["message"]!.GetValue<string>());
        // The clean ConfigMaps passed: checks for all four, failures for two.
        var scanId = scan["id"]!.GetValue<Guid>();
        await using var db = await Db().CreateDbContextAsync();
        var summary = await db.ScanSummaries.Where(s => s.ScanId == scanId && s.PolicyId == Policy).ToListAsync();
        Assert.Equal((4, 2), (summary.Sum(s => s.Checks), summary.Sum(s => s.Failed)));
        foreach (var value in Values)
        {
            Assert.Equal([], await TablesContainingAsync(db, value));
        }
    }

    [Fact]
    public async Task Scan_ForbiddenAndPolicyOff_CompleteWithoutWarning()
    {
        var cluster = await AddClusterAsync();
        _fake.Faults.ForbiddenResource = "configmaps";

        var scan = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        Assert.Null(scan["warning"]);
        Assert.Empty(scan["incomplete"]!.AsArray());
    }

    [Fact]
    public async Task Scan_ForbiddenAndPolicyOn_PartialWithTheOptInFile_AndThePolicyMakesNoChecks()
    {
        var cluster = await AddClusterAsync(Policy);
        _fake.Faults.ForbiddenResource = "configmaps";

        var scan = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        Assert.Equal("incomplete: cannot list configmaps (403)", scan["warning"]!.GetValue<string>());
        Assert.Contains("deploy/scanner-rbac-configmaps.yaml", scan["incomplete"]![0]!["advice"]!.GetValue<string>(), StringComparison.Ordinal);
        var scanId = scan["id"]!.GetValue<Guid>();
        await using var db = await Db().CreateDbContextAsync();
        Assert.False(await db.ScanSummaries.AnyAsync(s => s.ScanId == scanId && s.PolicyId == Policy)); // not evaluated, not passed
        Assert.Empty(await _api.FindingsAsync(cluster, "policy=" + Policy));
    }

    private async Task<Guid> AddClusterAsync(params string[] policies)
    {
        var cluster = await _api.AddClusterAsync("configmaps-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var settings = new ClusterPolicySettings { Policies = policies.ToDictionary(p => p, _ => new PolicyOverride(Enabled: true)) };
        await using var db = await Db().CreateDbContextAsync();
        await db.Clusters.Where(c => c.Id == cluster)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PolicySettingsJson, PolicySettingsJson.Serialize(settings)));
        return cluster;
    }

    private IDbContextFactory<KubeAdvisorDbContext> Db() => fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();

    // Every table of the database (ours and Hangfire's) whose rows, as text, contain the value.
    private static async Task<List<string>> TablesContainingAsync(KubeAdvisorDbContext db, string value)
    {
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT format('%I.%I', table_schema, table_name) AS \"Value\" FROM information_schema.tables "
            + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')").ToListAsync();
        Assert.Contains(tables, t => t.EndsWith(".findings", StringComparison.Ordinal));
        var hits = new List<string>();
        foreach (var table in tables)
        {
#pragma warning disable EF1002 // the table names come from the catalog, quoted by format('%I')
            var count = await db.Database.SqlQueryRaw<int>($"SELECT count(*)::int AS \"Value\" FROM {table} t WHERE t::text LIKE {{0}}", "%" + value + "%").SingleAsync();
#pragma warning restore EF1002
            if (count > 0)
            {
                hits.Add(table);
            }
        }

        return hits;
    }
}
