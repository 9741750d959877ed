using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Web.Features.Dashboard;
using Prometheus;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>
/// The registry /metrics exports (one per app, so test hosts in one process never mix) and KubeAdvisor's instruments.
/// Only <see cref="MetricsRefresher"/> writes them, from the database; a scrape reads what was last written. The one
/// value computed at scrape time is the agents' seconds since contact, from the stored contact time in memory.
/// </summary>
public sealed class KubeAdvisorMetrics
{
    private static readonly string[] ClusterLabels = ["cluster", "cluster_id"];
    private readonly Lock _agentsLock = new();
    private readonly TimeProvider _time;
    private readonly Gauge _score, _grade, _namespaces, _lastScan, _lastScanSucceeded, _lastSuccess, _clusters, _namespaceScore,
        _findings, _active, _agentContact, _agentSince, _deliveries, _refreshed;
    private readonly Counter _scans, _failures, _partial;
    private readonly Histogram _duration;
    private IReadOnlyList<(string Name, string Id, DateTimeOffset At)> _agents = [];

    public KubeAdvisorMetrics(TimeProvider time)
    {
        _time = time;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry); // process_* and dotnet_* (CPU, memory, GC, threads, open handles)
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _score = Factory.CreateGauge(MetricNames.ClusterScore, "Score (0-100) of the cluster's last succeeded scan.", ClusterLabels);
        _grade = Factory.CreateGauge(MetricNames.ClusterGrade, "1 for the cluster's current grade (A-F) of its last succeeded scan.", [.. ClusterLabels, "grade"]);
        _namespaces = Factory.CreateGauge(MetricNames.ClusterNamespaces, "Namespaces scored by the cluster's last succeeded scan.", ClusterLabels);
        _lastScan = Factory.CreateGauge(MetricNames.ClusterLastScanTimestamp, "Unix time the cluster's latest finished scan finished.", ClusterLabels);
        _lastScanSucceeded = Factory.CreateGauge(MetricNames.ClusterLastScanSucceeded, "1 when the cluster's latest finished scan succeeded, 0 when it failed.", ClusterLabels);
        _lastSuccess = Factory.CreateGauge(MetricNames.ClusterLastSuccessTimestamp, "Unix time the cluster's last succeeded scan finished.", ClusterLabels);
        _clusters = Factory.CreateGauge(MetricNames.Clusters, "Clusters by connection type.", ["connection"]);
        _namespaceScore = Factory.CreateGauge(MetricNames.NamespaceScore,
            "Namespace score (0-100) of the last succeeded scan: the worst N namespaces per cluster, the rest pooled as namespace=\"other\".",
            [.. ClusterLabels, "namespace"]);
        _findings = Factory.CreateGauge(MetricNames.FindingsOpen, "Open findings by cluster, policy and severity.", [.. ClusterLabels, "policy", "severity"]);
        _active = Factory.CreateGauge(MetricNames.ScansActive, "Scans queued or running now.", ["status"]);
        _agentContact = Factory.CreateGauge(MetricNames.AgentLastContactTimestamp, "Unix time an agent-connected cluster's agent last made contact.", ClusterLabels);
        _agentSince = Factory.CreateGauge(MetricNames.AgentSecondsSinceLastContact, "Seconds since an agent-connected cluster's agent last made contact.", ClusterLabels);
        _deliveries = Factory.CreateGauge(MetricNames.NotificationDeliveries, "Rows of the notification delivery log (bounded per channel) by channel type and status.", ["channel_type", "status"]);
        _refreshed = Factory.CreateGauge(MetricNames.RefreshTimestamp, "Unix time these values were last read from the database.");
        _scans = Factory.CreateCounter(MetricNames.ScansTotal, "Scans finished since this process started, by status.", ["status"]);
        _failures = Factory.CreateCounter(MetricNames.ScanFailuresTotal, "Failed scans since this process started, by reason.", ["reason"]);
        _partial = Factory.CreateCounter(MetricNames.ScansPartialTotal, "Succeeded scans since this process started that could not list every kind (partial).");
        _duration = Factory.CreateHistogram(MetricNames.ScanDuration, "Duration of scans finished since this process started (start of the last attempt to finish), by status.",
            new HistogramConfiguration { LabelNames = ["status"], Buckets = [.. MetricNames.ScanDurationBuckets] });
        foreach (var status in new[] { "succeeded", "failed" })
        {
            _scans.WithLabels(status);
            _duration.WithLabels(status);
        }

        foreach (var reason in ScanFailureReason.All)
        {
            _failures.WithLabels(reason);
        }

        Registry.AddBeforeCollectCallback(SetAgentSeconds);
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    /// <summary>Cluster-level gauges and the agents' contact times.</summary>
    public void SetClusters(IReadOnlyList<ClusterMetricRow> clusters)
    {
        GaugeRound score = new(_score), grade = new(_grade), lastScan = new(_lastScan), succeeded = new(_lastScanSucceeded), success = new(_lastSuccess),
            byConnection = new(_clusters), contact = new(_agentContact);
        foreach (var c in clusters)
        {
            var (name, id) = (c.Name, c.Id.ToString());
            if (c.Score is { } s)
            {
                score.Set(s, name, id);
                grade.Set(1, name, id, c.Grade?.ToString() ?? "");
            }

            if (c.LastFinishedAt is { } finished)
            {
                lastScan.Set(finished.ToUnixTimeMilliseconds() / 1000d, name, id);
                succeeded.Set(c.LastFinishedSucceeded == true ? 1 : 0, name, id);
            }

            if (c.LastSuccessAt is { } ok)
            {
                success.Set(ok.ToUnixTimeMilliseconds() / 1000d, name, id);
            }

            if (c.IsAgent && c.AgentLastContactAt is { } at)
            {
                contact.Set(at.ToUnixTimeMilliseconds() / 1000d, name, id);
            }
        }

        byConnection.Set(clusters.Count(c => !c.IsAgent), "kubeconfig");
        byConnection.Set(clusters.Count(c => c.IsAgent), "agent");
        foreach (var round in new[] { score, grade, lastScan, succeeded, success, byConnection, contact })
        {
            round.Finish();
        }

        lock (_agentsLock)
        {
            _agents = clusters.Where(c => c.IsAgent && c.AgentLastContactAt is not null).Select(c => (c.Name, c.Id.ToString(), c.AgentLastContactAt!.Value)).ToList();
            var since = new GaugeRound(_agentSince);
            SetAgentSeconds(since);
            since.Finish();
        }
    }

    /// <summary>Namespace scores and open findings of every cluster (cached per cluster by the refresher).</summary>
    public void SetClusterDetail(IReadOnlyList<ClusterMetricRow> clusters, IReadOnlyDictionary<Guid, ClusterDetail> details)
    {
        GaugeRound ns = new(_namespaceScore), count = new(_namespaces), findings = new(_findings);
        foreach (var c in clusters)
        {
            if (!details.TryGetValue(c.Id, out var detail))
            {
                continue;
            }

            var (name, id) = (c.Name, c.Id.ToString());
            foreach (var n in detail.Namespaces)
            {
                ns.Set(n.Namespace is null ? Scores.Exact(n.PassedWeight, n.FailedWeight) : n.Score, name, id, n.Namespace ?? MetricNames.OtherNamespace);
            }

            if (c.LastSucceededScanId is not null)
            {
                count.Set(detail.Namespaces.Sum(n => n.Count), name, id);
            }

            foreach (var f in detail.Findings)
            {
                findings.Set(f.Count, name, id, f.PolicyId, Scores.SeverityName(f.Severity));
            }
        }

        ns.Finish();
        count.Finish();
        findings.Finish();
    }

    public void SetActiveScans(int queued, int running)
    {
        _active.WithLabels("queued").Set(queued);
        _active.WithLabels("running").Set(running);
    }

    public void SetDeliveries(IReadOnlyList<DeliveryCountRow> rows)
    {
        var round = new GaugeRound(_deliveries);
        foreach (var r in rows)
        {
            round.Set(r.Count, r.ChannelType, r.Status);
        }

        round.Finish();
    }

    /// <summary>Counts one finished scan (each exactly once, see <see cref="ScanFeed"/>).</summary>
    public void CountScan(FinishedScanRow scan)
    {
        var status = scan.Status == Data.Entities.ScanStatus.Succeeded ? "succeeded" : "failed";
        _scans.WithLabels(status).Inc();
        if (status == "failed")
        {
            _failures.WithLabels(ScanFailureReason.All.Contains(scan.FailureReason ?? "") ? scan.FailureReason! : ScanFailureReason.Unknown).Inc();
        }
        else if (scan.Partial)
        {
            _partial.Inc();
        }

        if (scan.StartedAt is { } started && scan.FinishedAt >= started)
        {
            _duration.WithLabels(status).Observe((scan.FinishedAt - started).TotalSeconds);
        }
    }

    public void MarkRefreshed() => _refreshed.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000d);

    private void SetAgentSeconds()
    {
        lock (_agentsLock)
        {
            SetAgentSeconds(null);
        }
    }

    private void SetAgentSeconds(GaugeRound? round)
    {
        var now = _time.GetUtcNow();
        foreach (var (name, id, at) in _agents)
        {
            var seconds = Math.Max(0, (now - at).TotalSeconds);
            if (round is null)
            {
                _agentSince.WithLabels(name, id).Set(seconds);
            }
            else
            {
                round.Set(seconds, name, id);
            }
        }
    }
}
