using System.Net;
using System.Text.Json;
using KubeAdvisor.Core.Compliance;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Compliance;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Compliance;

/// <summary>
/// Compliance per framework: a control passes only on evidence, fails on any failed check of a policy that evidences
/// it, and is "not assessed" (never passed) when no policy judged it; the month-ago comparison reads the earlier scan.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ComplianceTests(WebAppFixture fx)
{
    [Fact]
    public void Evaluate_FailedPassedAndSwitchedOffPolicies_GiveFailPassAndNotAssessed()
    {
        var totals = new Dictionary<string, PolicyTotals>
        {
            ["container-privileged"] = new(10, 2),
            ["pod-host-pid"] = new(5, 0),
            ["pod-host-ipc"] = new(5, 0),
        };

        var baseline = ComplianceReport.Evaluate(ComplianceFrameworks.PssBaseline, totals, null);

        Assert.Equal(ControlStatus.Fail, Control(baseline, "pss-baseline:privileged").Status);
        Assert.Equal(ControlStatus.Pass, Control(baseline, "pss-baseline:host-namespaces").Status); // host-network is off: the others judged
        Assert.Equal(ControlStatus.NotAssessed, Control(baseline, "pss-baseline:host-ports").Status); // its policy is off
        Assert.Equal(ControlStatus.NotAssessed, Control(baseline, "pss-baseline:sysctls").Status); // no policy at all
        Assert.Equal((1, 1, 9, 50.0), (baseline.Passing, baseline.Failing, baseline.NotAssessed, baseline.Share));
        Assert.Null(baseline.ShareBefore);
    }

    [Fact]
    public void Evaluate_NothingJudged_HasNoShareRatherThanAPerfectOne()
    {
        var result = ComplianceReport.Evaluate(ComplianceFrameworks.Cis, new Dictionary<string, PolicyTotals>(), new Dictionary<string, PolicyTotals>());

        Assert.Null(result.Share);
        Assert.Null(result.ShareBefore);
        Assert.Equal(ComplianceFrameworks.Cis.Controls.Count, result.NotAssessed);
        Assert.Equal("not assessed", ComplianceText.Share(result));
    }

    [Fact]
    public async Task ForCluster_LastScanAndTheScanAMonthBefore_GiveTheShareNowAndThen()
    {
        var now = DateTimeOffset.UtcNow;
        var cluster = await SeedAsync(now, before: [("container-privileged", 4, 1), ("container-run-as-root", 4, 1)],
            after: [("container-privileged", 4, 0), ("container-run-as-root", 4, 1)]);

        var compliance = await fx.App.Services.GetRequiredService<ComplianceQueries>().ForClusterAsync(cluster, CancellationToken.None);

        var restricted = compliance!.Frameworks.Single(f => f.Id == "pss-restricted");
        // Now: privileged passes; both run-as-non-root controls fail. A month before: all three failed.
        Assert.Equal(ControlStatus.Pass, Control(restricted, "pss-baseline:privileged").Status);
        Assert.Equal(ControlStatus.Fail, Control(restricted, "pss-restricted:run-as-non-root").Status);
        Assert.Equal((33.3, 0.0), (restricted.Share, restricted.ShareBefore));
        Assert.Equal("0% → 33.3%", ComplianceText.Trend(restricted));
        Assert.NotNull(compliance.ComparedWith);
    }

    [Fact]
    public async Task Api_ClusterCompliance_NamesStatusesForScriptsAndAnswers404ForAnUnknownCluster()
    {
        var cluster = await SeedAsync(DateTimeOffset.UtcNow, before: [], after: [("pod-host-network", 3, 2)]);
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var viewer = ApiClient.WithToken(fx.App, (await TestUsers.CreateTokenAsync(fx.App, owner.Principal, Roles.Viewer)).Token).Http;

        using var json = JsonDocument.Parse(await viewer.GetStringAsync($"/api/v1/clusters/{cluster}/compliance"));
        var cis = json.RootElement.GetProperty("frameworks").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "cis-1.9");
        var control = cis.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "5.2.5");
        Assert.Equal("fail", control.GetProperty("status").GetString());
        Assert.Equal("not-assessed", cis.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "5.2.2").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("comparedWith").ValueKind); // no scan a month before

        var fleet = await viewer.GetStringAsync("/api/v1/compliance");
        Assert.Contains(cluster.ToString(), fleet, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/v1/clusters/{Guid.NewGuid()}/compliance")).StatusCode);
    }

    private static ControlResult Control(FrameworkResult f, string key) => f.Controls.Single(c => c.Key == key);

    // A cluster with a succeeded scan now and (when before is not empty) one 35 days earlier, each with per-policy summaries.
    private async Task<Guid> SeedAsync(DateTimeOffset now, (string Policy, int Checks, int Failed)[] before, (string Policy, int Checks, int Failed)[] after)
    {
        await using var db = DashboardSeeder.Context(fx.Database.ConnectionString);
        var cluster = new Cluster { Id = Guid.NewGuid(), Name = $"compliance-{Guid.NewGuid():N}"[..24], CreatedAt = now.AddDays(-60) };
        db.Clusters.Add(cluster);
        Scan AddScan(DateTimeOffset at, (string Policy, int Checks, int Failed)[] rows)
        {
            var scan = new Scan { Id = Guid.NewGuid(), ClusterId = cluster.Id, Status = ScanStatus.Succeeded, QueuedAt = at, StartedAt = at, FinishedAt = at };
            db.Scans.Add(scan);
            foreach (var (policy, checks, failed) in rows)
            {
                db.ScanSummaries.Add(new ScanSummary
                {
                    ScanId = scan.Id, ClusterId = cluster.Id, At = at, Namespace = "apps", PolicyId = policy,
                    Severity = PolicyCatalog.Find(policy)!.Descriptor.DefaultSeverity, Checks = checks, Passed = checks - failed, Failed = failed,
                });
            }

            return scan;
        }

        if (before.Length > 0)
        {
            AddScan(now.AddDays(-35), before);
        }

        cluster.LastSucceededScanId = AddScan(now, after).Id;
        await db.SaveChangesAsync();
        return cluster.Id;
    }
}
