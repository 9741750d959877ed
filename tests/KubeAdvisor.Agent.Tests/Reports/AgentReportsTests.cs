using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Agent.Reports;
using KubeAdvisor.Agent.Tests.Support;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeAdvisor.Agent.Tests.Reports;

/// <summary>
/// KUBEADVISOR_AGENT_WRITE_REPORTS against the real server and PostgreSQL and the fake API server over TLS: what the agent
/// writes into the cluster is what GET /api/v1/clusters/{id}/reports serves, valid for the CRDs in deploy/crds/; its own
/// objects follow the results from push to push, other tools' objects are left alone, and a cluster without the CRDs or
/// without the RBAC gets a warning while the inventory goes on.
/// </summary>
[Collection(AgentServerCollection.Name)]
public sealed class AgentReportsTests(AgentServerFixture fx)
{
    [Fact]
    public async Task Agent_AfterItsPush_ClusterHoldsTheServersReports_ValidForTheCrd_OtherToolsObjectsUntouched()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        var reports = fake.Server.Objects.Reports;
        var kyverno = reports.Put("reports", Foreign("Report", "shop", "kyverno-pol-require-labels", "kyverno"));
        var mislabelled = reports.Put("reports", Foreign("Report", "shop", "polr-legacy", ReportKey.ManagedBy)); // our label, not our name
        var clusterWide = reports.Put("clusterreports", Foreign("ClusterReport", null, "kyverno-cluster", "kyverno"));
        reports.Put("reports", Foreign("Report", "retired", "kubeadvisor", ReportKey.ManagedBy)); // ours, from a namespace with no results now
        var (cluster, token) = await fx.ConnectAgentAsync("reports");
        var logs = new CapturedLogs();

        await using var agent = await StartAgentAsync(fake, token, logs);
        var state = agent.Services.GetRequiredService<ReportsState>();
        await Eventually.UntilAsync(() => Task.FromResult(state.Status.LastScanId is not null), TimeSpan.FromSeconds(90), () => "the agent to write the Reports");

        var served = await ServedAsync(cluster);
        var written = Ours(fake);
        Assert.Contains(served, i => i["kind"]!.GetValue<string>() == "ClusterReport");
        Assert.Contains(served, i => i["metadata"]!["namespace"]?.GetValue<string>() == "shop");
        Assert.Equal(served.Select(Key).Order(), written.Select(Key).Order());
        foreach (var item in written)
        {
            Assert.Empty(OpenReportsSchema.Errors(item));
            Assert.True(JsonNode.DeepEquals(served.Single(s => Key(s) == Key(item)), WithoutServerFields(item)), $"{Key(item)} differs from the server's");
        }

        Assert.Equal(kyverno, reports.Get("reports", "shop", "kyverno-pol-require-labels")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(mislabelled, reports.Get("reports", "shop", "polr-legacy")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(clusterWide, reports.Get("clusterreports", "", "kyverno-cluster")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Null(reports.Get("reports", "retired", "kubeadvisor"));
        Assert.Equal((written.Count, 1, null), (state.Status.Written, state.Status.Deleted, state.Status.Problem));
        Assert.Empty(logs.Lines.Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message));
    }

    [Fact]
    public async Task NextPush_NamespaceWithoutResults_LosesItsReport_TheOthersAreReplaced()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        var (cluster, token) = await fx.ConnectAgentAsync("reports");
        var pipeline = new Pipeline(fake, fx.BaseUrl, token, new CapturedLogs());
        await pipeline.PushAndWriteAsync();
        var before = fake.Server.Objects.Reports.Get("reports", "shop", "kubeadvisor")!;
        Assert.NotNull(fake.Server.Objects.Reports.Get("reports", "payments", "kubeadvisor"));

        // Every workload of payments is gone (the namespace stays): no results there any more.
        fake.Server.Objects.Replace(DemoManifests.LoadAll().Where(o => o is V1Namespace || ((IMetadata<V1ObjectMeta>)o).Metadata?.NamespaceProperty != "payments"));
        var second = await pipeline.PushAndWriteAsync();

        Assert.Null(fake.Server.Objects.Reports.Get("reports", "payments", "kubeadvisor"));
        var after = fake.Server.Objects.Reports.Get("reports", "shop", "kubeadvisor")!;
        Assert.NotEqual(before["metadata"]!["resourceVersion"]!.GetValue<string>(), after["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(second.ToString(), after["metadata"]!["annotations"]!["kubeadvisor.io/scan-id"]!.GetValue<string>());
        Assert.Equal((Guid?)second, pipeline.State.Status.LastScanId);
        Assert.Equal(1, pipeline.State.Status.Deleted);
        Assert.Equal((await ServedAsync(cluster)).Select(Key).Order(), Ours(fake).Select(Key).Order());
    }

    [Theory]
    [InlineData("crds-missing", "the openreports.io CRDs are not installed")]
    [InlineData("forbidden", "apply deploy/agent/reports-rbac.yaml")]
    public async Task CrdsMissingOrForbidden_InventoryIsPushedAndJudged_OneWarningAndTheProblemOnReadyz(string fault, string warning)
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        if (fault == "crds-missing")
        {
            fake.Server.Objects.Reports.CrdsInstalled = false;
        }
        else
        {
            fake.Server.Faults.ForbiddenResource = "reports";
        }

        var (cluster, token) = await fx.ConnectAgentAsync("reports");
        var logs = new CapturedLogs();
        await using var agent = await StartAgentAsync(fake, token, logs);
        var state = agent.Services.GetRequiredService<ReportsState>();
        await Eventually.UntilAsync(() => Task.FromResult(state.Status.Problem is not null), TimeSpan.FromSeconds(90), () => "the agent to try writing the Reports");

        Assert.NotNull(agent.Services.GetRequiredService<AgentHealth>().LastDeliveredAt);
        Assert.Null(agent.Services.GetRequiredService<AgentHealth>().LastProblem);
        await Eventually.UntilAsync(async () => JsonNode.Parse(await fx.Admin.Http.GetStringAsync($"/api/v1/clusters/{cluster}/agent"))!["lastScan"]?["status"]?.GetValue<string>() == "Succeeded",
            TimeSpan.FromSeconds(90), () => "the pushed inventory to be judged");
        Assert.Single(logs.Warnings(warning));
        Assert.Contains(warning, state.Status.Problem, StringComparison.Ordinal);
        Assert.Empty(fake.Server.Objects.Reports.List("reports"));
        var address = agent.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        using var health = new HttpClient { BaseAddress = new Uri(address) };
        var ready = JsonNode.Parse(await health.GetStringAsync("/readyz"))!["reports"]!;
        Assert.True(ready["enabled"]!.GetValue<bool>());
        Assert.Contains(warning, ready["problem"]!.GetValue<string>(), StringComparison.Ordinal);

        // The same problem again is not logged again; the next push is delivered all the same.
        var pipeline = new Pipeline(fake, fx.BaseUrl, token, logs, state);
        await pipeline.PushAndWriteAsync();
        Assert.Single(logs.Warnings(warning));
    }

    private async Task<WebApplication> StartAgentAsync(FakeCluster fake, string token, CapturedLogs logs)
    {
        var agent = AgentHost.Build([], new Dictionary<string, string?>
        {
            ["SERVER_URL"] = fx.BaseUrl, ["TOKEN"] = token, ["KUBERNETES_URL"] = fake.Url, ["SERVICE_ACCOUNT_DIR"] = fake.ServiceAccountDir,
            ["HEALTH_PORT"] = "0", ["INTERVAL_MINUTES"] = "60", ["FIRST_BACKOFF_SECONDS"] = "0.2", ["MAX_BACKOFF_SECONDS"] = "1",
            ["REQUEST_TIMEOUT_SECONDS"] = "20", ["WRITE_REPORTS"] = "true",
        });
        agent.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs); // before the worker and its loggers are created
        await agent.StartAsync();
        return agent;
    }

    private async Task<List<JsonNode>> ServedAsync(Guid cluster) =>
        [.. JsonNode.Parse(await fx.Admin.Http.GetStringAsync($"/api/v1/clusters/{cluster}/reports"))!["items"]!.AsArray().Select(i => i!)];

    private static List<JsonObject> Ours(FakeCluster fake) =>
        [.. fake.Server.Objects.Reports.List("reports").Concat(fake.Server.Objects.Reports.List("clusterreports"))
            .Where(o => o["metadata"]!["labels"]?[ReportKey.ManagedByLabel]?.GetValue<string>() == ReportKey.ManagedBy && ReportKey.IsOurName(o["metadata"]!["name"]!.GetValue<string>()))];

    private static string Key(JsonNode item) =>
        $"{item["kind"]!.GetValue<string>()} {item["metadata"]!["namespace"]?.GetValue<string>()}/{item["metadata"]!["name"]!.GetValue<string>()}";

    private static JsonNode WithoutServerFields(JsonObject item)
    {
        var copy = item.DeepClone();
        foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp", "generation" })
        {
            copy["metadata"]!.AsObject().Remove(field);
        }

        return copy;
    }

    private static JsonObject Foreign(string kind, string? ns, string name, string managedBy)
    {
        var metadata = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { [ReportKey.ManagedByLabel] = managedBy } };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["apiVersion"] = ReportKey.GroupVersion, ["kind"] = kind, ["metadata"] = metadata, ["source"] = "kyverno",
            ["results"] = new JsonArray(), ["summary"] = new JsonObject { ["pass"] = 0, ["fail"] = 0 },
        };
    }

    /// <summary>The agent's steps one by one (collect, push, write the Reports), for a second push without waiting an interval.</summary>
    private sealed class Pipeline(FakeCluster fake, string serverUrl, string token, CapturedLogs logs, ReportsState? state = null)
    {
        private readonly AgentOptions _options = WithReports(fake.Options(serverUrl, token));

        public ReportsState State { get; } = state ?? new();

        public async Task<Guid> PushAndWriteAsync()
        {
            var pending = await new SnapshotSource(fake.Connection(), new AdmissionDecisionLog(TimeProvider.System), TimeProvider.System).CollectAsync(CancellationToken.None);
            var outcome = await new SnapshotUploader(new HttpClient(), _options).PushAsync(pending, CancellationToken.None);
            Assert.Equal(PushOutcomeKind.Delivered, outcome.Kind);
            var sync = new ReportSync(new ServerReportSource(new HttpClient(), _options, TimeProvider.System), new ClusterReportStore(fake.Connection()),
                _options, State, TimeProvider.System, logs.For<ReportSync>());
            await sync.AfterDeliveryAsync(outcome.ScanId, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
            return outcome.ScanId!.Value;
        }

        private static AgentOptions WithReports(AgentOptions options)
        {
            options.WriteReports = true;
            return options;
        }
    }
}
