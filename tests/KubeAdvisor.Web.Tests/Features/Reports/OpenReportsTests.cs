using System.Net;
using System.Text.Json.Nodes;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Reports;
using KubeAdvisor.Web.Features.Reports;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Reports;

/// <summary>
/// GET /api/v1/clusters/{id}/reports after a real scan of the demo manifests (fake API server): every item is valid
/// against the Report / ClusterReport CRD schema in deploy/crds/, the fail results are exactly the open findings of the
/// findings API (ids, digests, workload references), and passes and skips follow the scan's tallies.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class OpenReportsTests(WebAppFixture fx) : IAsyncLifetime
{
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
    public async Task Get_AfterAScan_ItemsAreValidReportsWhoseFailuresAreTheOpenFindings()
    {
        var cluster = await ScannedClusterAsync(excluded: "platform");
        var viewer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Viewer));

        var response = await viewer.GetAsync($"/api/v1/clusters/{cluster}/reports");
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var items = list["items"]!.AsArray().Select(i => i!).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("v1", list["apiVersion"]!.GetValue<string>());
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        Assert.All(items, i => Assert.Empty(OpenReportsSchema.Errors(i)));
        Assert.Single(items, i => Kind(i) == "ClusterReport");
        var reports = items.Where(i => Kind(i) == "Report").ToDictionary(i => i["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Contains("shop", reports.Keys);
        Assert.Equal(items.Count - 1, reports.Count); // one Report per namespace

        // fail results = the open findings, one each, with what the findings API says of them
        var findings = (await _api.FindingsAsync(cluster)).Select(f => f!).ToDictionary(f => f["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var fails = items.SelectMany(Results).Where(r => Value(r, "result") == "fail").ToList();
        Assert.NotEmpty(fails);
        Assert.Equal(findings.Keys.Order(), fails.Select(r => r["properties"]!["findingId"]!.GetValue<string>()).Order());
        foreach (var fail in fails)
        {
            var finding = findings[fail["properties"]!["findingId"]!.GetValue<string>()];
            var resource = fail["resources"]!.AsArray().Single()!;
            Assert.Equal(Value(finding, "policy"), Value(fail, "policy"));
            Assert.Equal(Value(finding, "severity")!.ToLowerInvariant(), Value(fail, "severity"));
            Assert.Equal(PolicyCatalog.Find(Value(fail, "policy")!)!.Descriptor.Pack, Value(fail, "category"));
            Assert.Equal(Value(finding, "kind"), Value(resource, "kind"));
            Assert.Equal(Value(finding, "name"), Value(resource, "name"));
            Assert.Equal(Value(finding, "namespace"), Value(resource, "namespace"));
            Assert.False(string.IsNullOrEmpty(Value(resource, "uid")));
            Assert.Equal(Value(finding, "container"), Value(fail["properties"]!, "container"));
            var digests = finding["digests"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
            Assert.Equal(digests.Count == 0 ? null : string.Join(',', digests), Value(fail["properties"]!, "digest"));
        }

        Assert.Contains(fails, f => Value(f["resources"]![0]!, "apiVersion") == "apps/v1");
        Assert.Contains(fails, f => Value(f["properties"]!, "digest") is not null);

        // passes and skips are per namespace × policy, counted in properties.checks; the summary counts results
        Assert.Contains(Results(reports["shop"]), r => Value(r, "result") == "pass" && int.Parse(Value(r["properties"]!, "checks")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains(Results(reports["platform"]), r => Value(r, "result") == "skip" && r["scored"]!.GetValue<bool>() == false);
        Assert.DoesNotContain(Results(reports["platform"]), r => Value(r, "result") == "fail");
        foreach (var item in items)
        {
            var summary = item["summary"]!;
            foreach (var result in new[] { "pass", "fail", "warn", "error", "skip" })
            {
                Assert.Equal(Results(item).Count(r => Value(r, "result") == result), summary[result]!.GetValue<int>());
            }

            Assert.Equal("kubeadvisor", Value(item, "source"));
            Assert.All(Results(item), r => Assert.Equal("kubeadvisor", Value(r, "source")));
        }
    }

    [Fact]
    public async Task Get_NamespaceFilterUnknownClusterAndNoScanYet_OneReportOr404OrEmptyList()
    {
        var scanned = await ScannedClusterAsync(excluded: null);
        var fresh = await _api.AddClusterAsync("reports-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());

        var one = JsonNode.Parse(await _api.Http.GetStringAsync($"/api/v1/clusters/{scanned}/reports?namespace=payments"))!;
        var none = JsonNode.Parse(await _api.Http.GetStringAsync($"/api/v1/clusters/{fresh}/reports"))!;
        var missing = await _api.Http.GetAsync($"/api/v1/clusters/{Guid.NewGuid()}/reports");
        var tooLong = await _api.Http.GetAsync($"/api/v1/clusters/{scanned}/reports?namespace={new string('a', 64)}");

        var item = Assert.Single(one["items"]!.AsArray())!;
        Assert.Equal("payments", item["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Empty(OpenReportsSchema.Errors(item));
        Assert.Empty(none["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Write_ReportOverTheSizeBudget_GoesOnInNumberedPartsWithTheSameResults()
    {
        var cluster = await ScannedClusterAsync(excluded: null);
        var writer = fx.App.Services.GetRequiredService<OpenReportsWriter>();
        var basis = (await writer.LoadAsync(cluster, null, CancellationToken.None))!;

        var whole = await ItemsAsync(s => writer.WriteAsync(s, basis, CancellationToken.None));
        var split = await ItemsAsync(s => writer.WriteAsync(s, basis, 2048, CancellationToken.None));

        Assert.All(split, i => Assert.Empty(OpenReportsSchema.Errors(i)));
        Assert.Contains(split, i => i["metadata"]!["name"]!.GetValue<string>() == "kubeadvisor-2");
        Assert.All(whole, i => Assert.Equal("kubeadvisor", i["metadata"]!["name"]!.GetValue<string>()));
        foreach (var ns in whole.Select(Namespace))
        {
            var parts = split.Where(i => Namespace(i) == ns).ToList();
            Assert.Equal([.. Enumerable.Range(1, parts.Count).Select(n => n == 1 ? "kubeadvisor" : $"kubeadvisor-{n}")], parts.Select(p => p["metadata"]!["name"]!.GetValue<string>()));
            Assert.Equal(Results(whole.Single(i => Namespace(i) == ns)).Select(r => r.ToJsonString()), parts.SelectMany(Results).Select(r => r.ToJsonString()));
            Assert.All(parts.SkipLast(1), p => Assert.All(Results(p), r => Assert.Equal("fail", Value(r, "result")))); // passes and skips close the last part
            Assert.All(parts, p => Assert.Equal(Results(p).Count(r => Value(r, "result") == "fail"), p["summary"]!["fail"]!.GetValue<int>()));
        }
    }

    [Fact]
    public void Schema_StrictCopy_RejectsAnUndeclaredFieldAndABadEnum()
    {
        var valid = JsonNode.Parse("""{"apiVersion":"openreports.io/v1alpha1","kind":"Report","metadata":{"name":"x"},"source":"kubeadvisor","results":[{"policy":"p","result":"pass","severity":"high","timestamp":{"seconds":1,"nanos":0}}],"summary":{"pass":1}}""")!;
        var extra = valid.DeepClone();
        extra["results"]![0]!["title"] = "not in the CRD";
        var badEnum = valid.DeepClone();
        badEnum["results"]![0]!["result"] = "exempt";

        Assert.Empty(OpenReportsSchema.Errors(valid));
        Assert.NotEmpty(OpenReportsSchema.Errors(extra));
        Assert.NotEmpty(OpenReportsSchema.Errors(badEnum));
    }

    private async Task<Guid> ScannedClusterAsync(string? excluded)
    {
        var cluster = await _api.AddClusterAsync("reports-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        if (excluded is not null)
        {
            var settings = ClusterPolicySettings.Default with { ExcludedNamespaces = [excluded] };
            await using var db = await fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>().CreateDbContextAsync();
            await db.Clusters.Where(c => c.Id == cluster)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.PolicySettingsJson, PolicySettingsJson.Serialize(settings)));
        }

        var scan = await _api.ScanAndWaitAsync(cluster);
        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        return cluster;
    }

    private static async Task<List<JsonNode>> ItemsAsync(Func<Stream, Task> write)
    {
        using var body = new MemoryStream();
        await write(body);
        return [.. JsonNode.Parse(body.ToArray())!["items"]!.AsArray().Select(i => i!)];
    }

    private static string Namespace(JsonNode item) => item["metadata"]!["namespace"]?.GetValue<string>() ?? "";

    private static string Kind(JsonNode item) => item["kind"]!.GetValue<string>();

    private static IEnumerable<JsonNode> Results(JsonNode item) => item["results"]?.AsArray().Select(r => r!) ?? [];

    private static string? Value(JsonNode node, string name) => node[name]?.GetValue<string>();
}
