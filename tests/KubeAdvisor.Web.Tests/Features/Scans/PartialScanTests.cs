using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>
/// Partial scans end to end (decision 0018): fake API over TLS with the demo cluster → Hangfire job → PostgreSQL →
/// GET /api/v1/scans/{id}. A kind answering 403 or 404 makes the scan succeed as partial; what it could not judge keeps
/// its stored rows byte for byte; the next complete scan judges it again.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PartialScanTests(WebAppFixture fx) : IAsyncLifetime
{
    private const string BudgetPolicy = "workload-disruption-budget-missing";
    private const string BlocksEvictionPolicy = "workload-disruption-budget-blocks-eviction";
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
    public async Task Scan_PodDisruptionBudgetsForbidden_PartialAndTheBudgetFindingsUntouchedUntilAFullScan()
    {
        var cluster = await AddClusterWithEveryPolicyAsync();
        var full = await _api.ScanAndWaitAsync(cluster);
        var before = await FindingRowsAsync(cluster);
        Assert.Contains(before, f => f.PolicyId == BudgetPolicy && f.IsOpen);
        Assert.Empty(full["incomplete"]!.AsArray());
        Assert.Null(full["warning"]);

        _fake.Faults.ForbiddenResource = "poddisruptionbudgets";
        var partial = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Succeeded", partial["status"]!.GetValue<string>());
        Assert.Equal("incomplete: cannot list poddisruptionbudgets.policy (403)", partial["warning"]!.GetValue<string>());
        var missing = Assert.Single(partial["incomplete"]!.AsArray())!;
        Assert.Equal(("poddisruptionbudgets.policy", 403), (missing["resource"]!.GetValue<string>(), missing["status"]!.GetValue<int>()));
        Assert.Contains("apiGroups: [\"policy\"], resources: [\"poddisruptionbudgets\"], verbs: [\"get\", \"list\"]", missing["advice"]!.GetValue<string>());
        Assert.Equal((0, 0), (partial["introduced"]!.GetValue<int>(), partial["fixed"]!.GetValue<int>()));
        // Every finding row is as the complete scan left it: the budget policy's neither resolved nor duplicated.
        Assert.Equal(before, await FindingRowsAsync(cluster));
        // The score counts only what was evaluated: the budget policy's checks are gone, not passed.
        var budgetChecks = await SummaryChecksAsync(partial, BudgetPolicy);
        Assert.Equal(0, budgetChecks);
        // Every policy that needs the budgets drops out: the missing-budget policy and the blocks-eviction one.
        Assert.Equal(0, await SummaryChecksAsync(partial, BlocksEvictionPolicy));
        Assert.Equal(full["checks"]!.GetValue<int>() - await SummaryChecksAsync(full, BudgetPolicy) - await SummaryChecksAsync(full, BlocksEvictionPolicy),
            partial["checks"]!.GetValue<int>());
        Assert.Equal(full["failed"]!.GetValue<int>() - before.Count(f => f.PolicyId is BudgetPolicy or BlocksEvictionPolicy), partial["failed"]!.GetValue<int>());

        // The budgets are readable again and one now covers a workload that had none: that finding is resolved.
        _fake.Faults.Reset();
        var fixedOne = before.First(f => f.PolicyId == BudgetPolicy);
        AddBudgetFor(fixedOne.Namespace, fixedOne.WorkloadName);
        var again = await _api.ScanAndWaitAsync(cluster);

        Assert.Empty(again["incomplete"]!.AsArray());
        // As many checks as the complete scan, plus the blocks-eviction check the new budget makes applicable.
        Assert.Equal(1, await SummaryChecksAsync(again, BlocksEvictionPolicy) - await SummaryChecksAsync(full, BlocksEvictionPolicy));
        Assert.Equal(full["checks"]!.GetValue<int>() + 1, again["checks"]!.GetValue<int>());
        Assert.Equal((0, 1), (again["introduced"]!.GetValue<int>(), again["fixed"]!.GetValue<int>()));
        var after = await FindingRowsAsync(cluster);
        Assert.Equal(before.Count, after.Count); // nothing duplicated
        Assert.False(after.Single(f => f.Id == fixedOne.Id).IsOpen);
        Assert.Equal(before.Where(f => f.Id != fixedOne.Id), after.Where(f => f.Id != fixedOne.Id));
    }

    [Fact]
    public async Task Scan_CronJobsNotServed_PartialAndCronJobWorkloadsKeepTheirState()
    {
        var cluster = await AddClusterWithEveryPolicyAsync();
        await _api.ScanAndWaitAsync(cluster);
        var findings = await FindingRowsAsync(cluster);
        var workloads = await WorkloadRowsAsync(cluster);
        Assert.Contains(findings, f => f.Kind == "CronJob" && f.IsOpen);
        Assert.Contains(workloads, w => w.Kind == "CronJob" && w.GoneAt is null);

        _fake.Faults.NotServedResource = "cronjobs";
        var partial = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Succeeded", partial["status"]!.GetValue<string>());
        Assert.Equal("incomplete: cannot list cronjobs.batch (404)", partial["warning"]!.GetValue<string>());
        Assert.Contains("does not serve batch/v1 cronjobs", partial["incomplete"]![0]!["advice"]!.GetValue<string>());
        Assert.Equal((0, 0), (partial["introduced"]!.GetValue<int>(), partial["fixed"]!.GetValue<int>()));
        Assert.Equal(findings, await FindingRowsAsync(cluster));
        Assert.Equal(workloads, await WorkloadRowsAsync(cluster)); // the CronJob is not gone, and nothing else changed

        _fake.Faults.Reset();
        var again = await _api.ScanAndWaitAsync(cluster);
        Assert.Empty(again["incomplete"]!.AsArray());
        Assert.Equal(findings, await FindingRowsAsync(cluster));
    }

    [Fact]
    public async Task Scan_PodsForbidden_StillFailsAndKeepsPreviousResults()
    {
        var cluster = await AddClusterWithEveryPolicyAsync();
        await _api.ScanAndWaitAsync(cluster);
        var findings = await FindingRowsAsync(cluster);

        _fake.Faults.ForbiddenResource = "pods";
        var failed = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Failed", failed["status"]!.GetValue<string>());
        Assert.Equal("cannot list pods: forbidden", failed["error"]!.GetValue<string>());
        Assert.Empty(failed["incomplete"]!.AsArray());
        Assert.Equal(findings, await FindingRowsAsync(cluster));
    }

    private async Task<Guid> AddClusterWithEveryPolicyAsync()
    {
        var cluster = await _api.AddClusterAsync("partial-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var settings = new ClusterPolicySettings
        {
            Packs = new Dictionary<string, bool> { ["security"] = true, ["reliability"] = true, ["efficiency"] = true },
            Policies = PolicyCatalog.Descriptors.ToDictionary(d => d.Id, _ => new PolicyOverride(Enabled: true)),
        };
        await using var db = await Db().CreateDbContextAsync();
        await db.Clusters.Where(c => c.Id == cluster)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PolicySettingsJson, PolicySettingsJson.Serialize(settings)));
        return cluster;
    }

    private IDbContextFactory<KubeAdvisorDbContext> Db() => fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();

    // The stored columns a scan could change, in id order.
    private async Task<List<FindingState>> FindingRowsAsync(Guid cluster)
    {
        await using var db = await Db().CreateDbContextAsync();
        return await db.Findings.AsNoTracking().Where(f => f.ClusterId == cluster).OrderBy(f => f.Id)
            .Select(f => new FindingState(f.Id, f.PolicyId, f.Kind, f.Namespace, f.WorkloadName, f.Message, f.IsOpen, f.FirstSeen, f.LastSeen, f.LastScanId, f.ResolvedAt))
            .ToListAsync();
    }

    private async Task<List<WorkloadState>> WorkloadRowsAsync(Guid cluster)
    {
        await using var db = await Db().CreateDbContextAsync();
        return await db.Workloads.AsNoTracking().Where(w => w.ClusterId == cluster).OrderBy(w => w.Uid)
            .Select(w => new WorkloadState(w.Uid, w.Kind, w.Name, w.FirstSeen, w.LastSeen, w.GoneAt))
            .ToListAsync();
    }

    private async Task<int> SummaryChecksAsync(System.Text.Json.Nodes.JsonObject scan, string policyId)
    {
        var scanId = scan["id"]!.GetValue<Guid>();
        await using var db = await Db().CreateDbContextAsync();
        return await db.ScanSummaries.Where(s => s.ScanId == scanId && s.PolicyId == policyId).SumAsync(s => s.Checks);
    }

    private void AddBudgetFor(string ns, string workload)
    {
        var labels = _objects.OfType<k8s.Models.V1Deployment>()
            .Single(d => d.Metadata.NamespaceProperty == ns && d.Metadata.Name == workload).Spec.Template.Metadata.Labels;
        var budget = new k8s.Models.V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1", Kind = "PodDisruptionBudget",
            Metadata = new k8s.Models.V1ObjectMeta { Name = workload + "-budget", NamespaceProperty = ns, Uid = Guid.NewGuid().ToString() },
            Spec = new k8s.Models.V1PodDisruptionBudgetSpec
            {
                MaxUnavailable = 1,
                Selector = new k8s.Models.V1LabelSelector { MatchLabels = new Dictionary<string, string>(labels) },
            },
        };
        _objects.Add(budget);
        _fake.Objects.Replace(_objects);
    }

    private sealed record FindingState(long Id, string PolicyId, string Kind, string Namespace, string WorkloadName, string Message, bool IsOpen,
        DateTimeOffset FirstSeen, DateTimeOffset LastSeen, Guid LastScanId, DateTimeOffset? ResolvedAt);

    private sealed record WorkloadState(string Uid, string Kind, string Name, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? GoneAt);
}
