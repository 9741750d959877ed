using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Metrics;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Metrics;

/// <summary>
/// /metrics of a running app after real scans of the fake API server: the values equal what the API says, the token
/// guards it, the namespace series stay bounded, and a scan that another process wrote shows up without a restart.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class MetricsTests(WebAppFixture shared, MetricsFixture fx) : IClassFixture<MetricsFixture>, IAsyncLifetime
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
    public async Task Metrics_AfterAScan_EqualTheApi()
    {
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        var cluster = await _api.AddClusterAsync("metrics-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var scan = await _api.ScanAndWaitAsync(cluster);
        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        var id = cluster.ToString();

        var metrics = await MetricsWhenAsync(m => m.Of(MetricNames.ClusterScore, ("cluster_id", id)).Any(), "the cluster's score");

        var api = JsonNode.Parse(await _api.Http.GetStringAsync($"/api/v1/clusters/{cluster}"))!;
        var name = api["name"]!.GetValue<string>();
        Assert.Equal(api["score"]!.GetValue<double>(), metrics.Value(MetricNames.ClusterScore, ("cluster", name), ("cluster_id", id)), 6);
        var grade = Assert.Single(metrics.Of(MetricNames.ClusterGrade, ("cluster_id", id)));
        Assert.Equal((api["grade"]!.GetValue<string>(), 1d), (grade.Labels["grade"], grade.Value));
        var findings = await _api.FindingsAsync(cluster);
        Assert.Equal(api["openFindings"]!.GetValue<int>(), findings.Count);
        var expected = findings.GroupBy(f => (f!["policy"]!.GetValue<string>(), f["severity"]!.GetValue<string>().ToLowerInvariant()))
            .ToDictionary(g => g.Key, g => (double)g.Count());
        var exported = metrics.Of(MetricNames.FindingsOpen, ("cluster_id", id))
            .ToDictionary(s => (s.Labels["policy"], s.Labels["severity"]), s => s.Value);
        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), exported.OrderBy(e => e.Key).ToList());
        Assert.Equal(1, metrics.Value(MetricNames.ClusterLastScanSucceeded, ("cluster_id", id)));
        Assert.Equal(scan["finishedAt"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds() / 1000d,
            metrics.Value(MetricNames.ClusterLastSuccessTimestamp, ("cluster_id", id)), 3);
        Assert.True(metrics.Value(MetricNames.ScansTotal, ("status", "succeeded")) >= 1);
        Assert.True(metrics.Value(MetricNames.ScanDuration + "_count", ("status", "succeeded")) >= 1);
        Assert.Equal("histogram", metrics.Types[MetricNames.ScanDuration]);
    }

    [Fact]
    public async Task NamespaceScores_MoreNamespacesThanN_AreTheWorstNPlusOther()
    {
        // Six namespaces with 0, 1, 2 or 3 failing of three workloads each: scores differ, so the worst two are known.
        var docs = new List<string>();
        string[] images = ["registry.example.com/app:1.0", "registry.example.com/app:latest", "nginx"];
        for (var n = 0; n < 6; n++)
        {
            for (var w = 0; w < 3; w++)
            {
                docs.Add(FakeClusterManifests.Deployment($"ns-{n}", $"w{w}", w < n % 4 ? images[1 + (w % 2)] : images[0]));
            }
        }

        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join([.. docs]));
        var cluster = await _api.AddClusterAsync("ns-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(cluster);
        var id = cluster.ToString();

        var metrics = await MetricsWhenAsync(m => m.Of(MetricNames.NamespaceScore, ("cluster_id", id)).Any(), "namespace scores");

        var series = metrics.Of(MetricNames.NamespaceScore, ("cluster_id", id)).ToList();
        Assert.Equal(MetricsFixture.Namespaces + 1, series.Count);
        var stored = await StoredNamespaceScoresAsync(cluster);
        Assert.Equal(6, stored.Count);
        var worst = stored.OrderBy(s => s.Score).ThenBy(s => s.Namespace, StringComparer.Ordinal).Take(MetricsFixture.Namespaces).ToList();
        foreach (var (ns, score, _, _) in worst)
        {
            Assert.Equal(score, series.Single(s => s.Labels["namespace"] == ns).Value, 6);
        }

        var rest = stored.Except(worst).ToList();
        var pooled = 100d * rest.Sum(r => r.Passed) / (rest.Sum(r => r.Passed) + rest.Sum(r => r.Failed));
        Assert.Equal(pooled, series.Single(s => s.Labels["namespace"] == MetricNames.OtherNamespace).Value, 6);
        Assert.Equal(6, metrics.Value(MetricNames.ClusterNamespaces, ("cluster_id", id)));
    }

    [Fact]
    public async Task ScanWrittenByAnotherProcess_ShowsUpAfterTheRefresh()
    {
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        var cluster = await _api.AddClusterAsync("other-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(cluster);
        var id = cluster.ToString();
        var before = await MetricsWhenAsync(m => m.Of(MetricNames.ClusterScore, ("cluster_id", id)).Any(), "the first score");
        var failures = before.Value(MetricNames.ScanFailuresTotal, ("reason", "forbidden"));
        var from30To60 = Between30And60(before);

        // As a worker would leave it: a succeeded scan of 42 s with its score sample, then a failed one; no job, no API.
        var ok = Guid.CreateVersion7();
        var failed = Guid.CreateVersion7();
        await fx.Database.ScalarAsync($"""
            INSERT INTO scans ("Id", "ClusterId", "Trigger", "Status", "QueuedAt", "StartedAt", "FinishedAt", "Attempts", "InterruptedAttempts",
                               "Workloads", "Containers", "Checks", "Passed", "Failed", "Exempt", "Score", "Introduced", "Fixed")
            VALUES ('{ok}', '{cluster}', 0, 2, now() - interval '50 seconds', now() - interval '43 seconds', now() - interval '1 second', 1, 0,
                    1, 1, 4, 1, 3, 0, 25, 0, 0);
            INSERT INTO score_samples ("ScanId", "ClusterId", "At", "Namespace", "Score", "PassedWeight", "FailedWeight", "FailedChecks")
            VALUES ('{ok}', '{cluster}', now(), '', 25, 1, 3, 3);
            UPDATE clusters SET "LastSucceededScanId" = '{ok}', "LastScanAt" = now() - interval '1 second' WHERE "Id" = '{cluster}';
            INSERT INTO scans ("Id", "ClusterId", "Trigger", "Status", "QueuedAt", "StartedAt", "FinishedAt", "Attempts", "InterruptedAttempts",
                               "Workloads", "Containers", "Checks", "Passed", "Failed", "Exempt", "Introduced", "Fixed", "Error", "FailureReason")
            VALUES ('{failed}', '{cluster}', 0, 3, now(), now(), now(), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'cannot list pods: forbidden', 'forbidden');
            UPDATE clusters SET "LastScanAt" = now() WHERE "Id" = '{cluster}';
            SELECT 1;
            """);

        var after = await MetricsWhenAsync(m => m.Of(MetricNames.ClusterScore, ("cluster_id", id)).Any(s => s.Value == 25), "the score written to the database");

        Assert.Equal("F", Assert.Single(after.Of(MetricNames.ClusterGrade, ("cluster_id", id))).Labels["grade"]);
        Assert.Equal(failures + 1, after.Value(MetricNames.ScanFailuresTotal, ("reason", "forbidden")));
        Assert.Equal(0, after.Value(MetricNames.ClusterLastScanSucceeded, ("cluster_id", id)));
        Assert.Equal(from30To60 + 1, Between30And60(after)); // the 42 s scan (a real scan of the fake server takes far less)
    }

    private static double Between30And60(PrometheusText m) =>
        m.Value(MetricNames.ScanDuration + "_bucket", ("status", "succeeded"), ("le", "60"))
        - m.Value(MetricNames.ScanDuration + "_bucket", ("status", "succeeded"), ("le", "30"));

    [Fact]
    public async Task Metrics_TokenSet_AnswersOnlyTheBearerToken()
    {
        var anonymous = fx.App.CreateClient();
        var signedIn = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.AdminEmail);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(MetricsEndpoint.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(anonymous, "wrong-token-0123456789abcdef")).StatusCode);
        // An Admin's session or an Admin API token is not the metrics token: neither opens /metrics.
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedIn.GetAsync(MetricsEndpoint.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(anonymous, KubeAdvisorAppFactory.BootstrapToken)).StatusCode);
        var ok = await Send(anonymous, MetricsFixture.Token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains(MetricNames.ScanDuration, await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_NoTokenSet_IsOpenWithProcessAndHttpMetrics()
    {
        var client = shared.App.CreateClient();
        await client.GetAsync("/healthz");

        var response = await client.GetAsync(MetricsEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(metrics.Of("process_cpu_seconds_total"));
        Assert.NotEmpty(metrics.Of("http_request_duration_seconds_count", ("endpoint", "/healthz")));
        Assert.All(new[] { "succeeded", "failed" }, s => Assert.Single(metrics.Of(MetricNames.ScansTotal, ("status", s))));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, MetricsEndpoint.Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private async Task<PrometheusText> MetricsWhenAsync(Func<PrometheusText, bool> holds, string what)
    {
        var client = fx.App.CreateClient();
        return await Eventually.ValueAsync(async () =>
        {
            var response = await Send(client, MetricsFixture.Token);
            response.EnsureSuccessStatusCode();
            var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
            return holds(metrics) ? metrics : null;
        }, TimeSpan.FromSeconds(60), () => $"/metrics to show {what}");
    }

    private async Task<List<(string Namespace, double Score, double Passed, double Failed)>> StoredNamespaceScoresAsync(Guid cluster)
    {
        var db = new DbFactory(fx.Database.ConnectionString);
        await using var ctx = db.CreateDbContext();
        var last = ctx.Clusters.Where(c => c.Id == cluster).Select(c => c.LastSucceededScanId).Single();
        return ctx.ScoreSamples.Where(s => s.ScanId == last && s.Namespace != "")
            .Select(s => new { s.Namespace, s.Score, s.PassedWeight, s.FailedWeight }).AsEnumerable()
            .Select(s => (s.Namespace, s.Score, s.PassedWeight, s.FailedWeight)).ToList();
    }
}
