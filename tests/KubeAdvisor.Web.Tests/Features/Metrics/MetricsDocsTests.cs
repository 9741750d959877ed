using System.Text.Json;
using System.Text.RegularExpressions;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Web.Features.Metrics;
using KubeAdvisor.Web.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace KubeAdvisor.Web.Tests.Features.Metrics;

/// <summary>
/// docs/metrics.md documents every exported name and failure reason, and the Grafana dashboard and the PrometheusRule
/// in deploy/ parse and use only names that the app exports (or its standard process and HTTP metrics) and that the docs list.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class MetricsDocsTests(WebAppFixture fx)
{
    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KubeAdvisor.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("KubeAdvisor.sln not found above the test binaries.");
        }
    }

    private static string Docs => File.ReadAllText(Path.Combine(Root, "docs", "metrics.md"));

    [Fact]
    public void MetricsMd_DocumentsEveryNameAndFailureReason()
    {
        var docs = Docs;

        Assert.All(MetricNames.All, name => Assert.Contains($"`{name}`", docs));
        Assert.All(ScanFailureReason.All, reason => Assert.Contains($"`{reason}`", docs));
        Assert.All(MetricNames.ScanDurationBuckets, b => Assert.Contains(b.ToString(System.Globalization.CultureInfo.InvariantCulture), docs));
    }

    [Fact]
    public async Task GrafanaDashboard_ParsesAndUsesOnlyExportedDocumentedNames()
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "deploy", "grafana", "kubeadvisor-dashboard.json")));
        var root = json.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("uid").GetString()));
        Assert.True(root.GetProperty("schemaVersion").GetInt32() > 30);
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 6, $"{panels.Count} panels");
        var expressions = new List<string>();
        Walk(root, expressions);
        Assert.True(expressions.Count >= panels.Count(p => p.GetProperty("type").GetString() != "row"), $"{expressions.Count} queries");

        await AssertNamesExportedAsync(expressions, "the Grafana dashboard");
    }

    [Fact]
    public async Task PrometheusRule_ParsesAndAlertsOnExportedDocumentedNames()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(await File.ReadAllTextAsync(Path.Combine(Root, "deploy", "prometheus", "kubeadvisor-rules.yaml"))))
        {
            yaml.Load(reader);
        }

        var doc = (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
        Assert.Equal("monitoring.coreos.com/v1", doc["apiVersion"].ToString());
        Assert.Equal("PrometheusRule", doc["kind"].ToString());
        var rules = ((YamlSequenceNode)doc["spec"]["groups"]).Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>()).ToList();
        var alerts = rules.Where(r => r.Children.ContainsKey("alert")).ToList();
        Assert.Contains(alerts, a => a["alert"].ToString() == "KubeAdvisorScoreDropped");
        Assert.Contains(alerts, a => a["alert"].ToString() == "KubeAdvisorScansFailing");
        Assert.Contains(alerts, a => a["alert"].ToString() == "KubeAdvisorAgentOffline");
        Assert.All(alerts, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(((YamlMappingNode)a["labels"])["severity"].ToString()));
            Assert.False(string.IsNullOrWhiteSpace(((YamlMappingNode)a["annotations"])["summary"].ToString()));
        });

        await AssertNamesExportedAsync(rules.Select(r => r["expr"].ToString()).ToList(), "the PrometheusRule");
    }

    private async Task AssertNamesExportedAsync(IReadOnlyList<string> expressions, string where)
    {
        var scraped = PrometheusText.Parse(await fx.App.CreateClient().GetStringAsync(MetricsEndpoint.Path));
        var exported = scraped.Samples.Select(s => s.Name).Concat(scraped.Types.Keys).ToHashSet(StringComparer.Ordinal);
        var docs = Docs;
        var used = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.Contains(MetricNames.ClusterScore, used);
        foreach (var name in used)
        {
            var family = Regex.Replace(name, "_(bucket|sum|count)$", "");
            var ours = MetricNames.All.Contains(name) || MetricNames.All.Contains(family);
            Assert.True(ours || exported.Contains(name), $"{where} uses {name}, which /metrics does not export");
            Assert.True(docs.Contains($"`{name}`", StringComparison.Ordinal) || docs.Contains($"`{family}`", StringComparison.Ordinal),
                $"{where} uses {name}, which docs/metrics.md does not document");
        }
    }

    private static void Walk(JsonElement element, List<string> expressions)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name is "expr" or "query" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        expressions.Add(p.Value.GetString()!);
                    }
                    else
                    {
                        Walk(p.Value, expressions);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, expressions);
                }

                break;
        }
    }

    [GeneratedRegex(@"\b(kubeadvisor|process|http|dotnet)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
