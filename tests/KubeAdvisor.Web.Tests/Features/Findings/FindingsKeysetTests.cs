using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Findings;

/// <summary>
/// Keyset paging (decision 0017): walking a cluster's findings with cursors gives every finding once, in the order of
/// the offset pages, also where thousands of rows share a sort key; bad cursors are a 400; the CSV has the same rows.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class FindingsKeysetTests(WebAppFixture fx) : IAsyncLifetime
{
    private const string ClusterName = "keyset";
    private const int Count = 3000; // 2,700 open: 3 severities x 4 first-seen times, so ~225 rows share each (severity, firstSeen)
    private Guid _cluster;

    public async Task InitializeAsync()
    {
        if (await fx.Database.ScalarAsync($"SELECT \"Id\" FROM clusters WHERE \"Name\" = '{ClusterName}'") is Guid id)
        {
            _cluster = id;
            return;
        }

        _cluster = await SeedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("", 250, 2700)]
    [InlineData("&namespace=ns-1&severity=high", 100, 200)]
    [InlineData("&status=resolved", 120, 300)]
    public async Task Api_CursorWalk_EveryFindingOnceInTheOffsetPagesOrder(string filter, int size, int expected)
    {
        var api = await ApiAsync(Roles.Viewer);

        var byCursor = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var body = await GetJsonAsync(api, $"/api/v1/clusters/{_cluster}/findings?pageSize={size}{filter}" + (cursor is null ? "" : "&cursor=" + cursor));
            byCursor.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            Assert.Equal(expected, body.GetProperty("total").GetInt32());
            cursor = body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 100);

        var byOffset = new List<long>();
        for (var page = 1; (page - 1) * size < expected; page++)
        {
            var body = await GetJsonAsync(api, $"/api/v1/clusters/{_cluster}/findings?pageSize={size}&page={page}{filter}");
            byOffset.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        }

        Assert.Equal(expected, byCursor.Count);
        Assert.Equal(expected, byCursor.Distinct().Count());
        Assert.Equal(byOffset, byCursor);
        Assert.Equal((expected + size - 1) / size, pages);
    }

    [Fact]
    public async Task Api_LastPage_HasNoNextCursorAndCursorPageHasNoNumber()
    {
        var api = await ApiAsync(Roles.Viewer);

        var first = await GetJsonAsync(api, $"/api/v1/clusters/{_cluster}/findings?pageSize=1000&status=resolved");
        var next = await GetJsonAsync(api, $"/api/v1/clusters/{_cluster}/findings?pageSize=150&page=1&namespace=ns-1&severity=high&cursor="
            + (await GetJsonAsync(api, $"/api/v1/clusters/{_cluster}/findings?pageSize=150&namespace=ns-1&severity=high")).GetProperty("nextCursor").GetString());

        Assert.Equal(300, first.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("nextCursor").ValueKind);
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(50, next.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("page").ValueKind);
        Assert.Equal(JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);
    }

    public static TheoryData<string, string> BadCursors() => new()
    {
        { "not base64", "cursor=%25%25not*base64" },
        { "not JSON", "cursor=" + Url("hello") },
        { "wrong version", "cursor=" + Url("""{"v":2,"s":"severity","d":true,"k":"3","t":638000000000000000,"i":5}""") },
        { "unknown field", "cursor=" + Url("""{"v":1,"s":"severity","d":true,"k":"3","t":638000000000000000,"i":5,"x":1}""") },
        { "no severity", "cursor=" + Url("""{"v":1,"s":"severity","d":true,"k":"99","t":638000000000000000,"i":5}""") },
        { "no time", "cursor=" + Url("""{"v":1,"s":"severity","d":true,"k":"3","i":5}""") },
        { "wrong sort", "cursor=" + new FindingsCursor("namespace", false, "ns-1", null, 5).Encode() },
        { "wrong direction", "cursor=" + new FindingsCursor("severity", false, "3", DateTimeOffset.UnixEpoch, 5).Encode() },
        { "with page 2", "page=2&cursor=" + new FindingsCursor("severity", true, "3", DateTimeOffset.UnixEpoch, 5).Encode() },
    };

    [Theory]
    [MemberData(nameof(BadCursors))]
    public async Task Api_BadCursor_IsBadRequestSayingWhy(string why, string query)
    {
        var api = await ApiAsync(Roles.Engineer);

        var json = await api.GetAsync($"/api/v1/clusters/{_cluster}/findings?{query}");
        var csv = await api.GetAsync($"/api/v1/clusters/{_cluster}/findings?format=csv&{query}");

        Assert.True(HttpStatusCode.BadRequest == json.StatusCode, why);
        Assert.Contains("cursor", (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
    }

    [Fact]
    public async Task Csv_SameFilter_HasTheRowsOfTheJsonPagesInTheirOrder()
    {
        var api = await ApiAsync(Roles.Engineer);
        var messages = new List<string>();
        string? cursor = null;
        do
        {
            var body = await GetJsonAsync(api, $"/api/v1/clusters/{_cluster}/findings?pageSize=1000" + (cursor is null ? "" : "&cursor=" + cursor));
            messages.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("message").GetString()!));
            cursor = body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        var csv = Lines(await api.GetStringAsync($"/api/v1/clusters/{_cluster}/findings?format=csv"));
        var secondPage = await GetJsonAsync(api, $"/api/v1/clusters/{_cluster}/findings?pageSize=250");
        var csvAfter = Lines(await api.GetStringAsync(
            $"/api/v1/clusters/{_cluster}/findings?format=csv&pageSize=250&cursor={secondPage.GetProperty("nextCursor").GetString()}"));

        Assert.Equal(FindingsCsv.Header, csv[0]);
        Assert.Equal(messages, csv.Skip(1).Select(l => l.Split(',')[9]));
        Assert.Equal(csv.Skip(251).Take(250), csvAfter.Skip(1));
    }

    [Theory]
    [InlineData("severity", true)]
    [InlineData("severity", false)]
    [InlineData("firstSeen", false)]
    [InlineData("namespace", true)]
    [InlineData("workload", false)]
    [InlineData("policy", true)]
    public async Task PageAsync_CursorInEachExplorerOrder_MatchesTheOffsetPages(string sort, bool descending)
    {
        var queries = fx.App.Services.GetRequiredService<FindingsQueries>();
        var filter = new FindingsFilter(_cluster);

        var byOffset = new List<long>();
        for (var page = 0; page * 400 < 2700; page++)
        {
            byOffset.AddRange((await queries.PageAsync(filter, page, 400, sort, descending)).Rows.Select(r => r.Id));
        }

        var byCursor = new List<long>();
        FindingsCursor? after = null;
        do
        {
            var page = await queries.PageAsync(filter, 0, 400, sort, descending, after: after);
            byCursor.AddRange(page.Rows.Select(r => r.Id));
            after = page.Next is null ? null : Roundtrip(page.Next);
        }
        while (after is not null);

        Assert.Equal(2700, byCursor.Distinct().Count());
        Assert.Equal(byOffset, byCursor);
    }

    [Theory]
    [InlineData("severity", true)]
    [InlineData("workload", false)]
    public async Task ViolationsPager_NextThenPrevious_ShowsTheOffsetPagesByKeyset(string sort, bool descending)
    {
        var queries = fx.App.Services.GetRequiredService<FindingsQueries>();
        var filter = new FindingsFilter(_cluster);
        var pager = new KeysetPager(queries);
        var offset = new List<IReadOnlyList<long>>();
        for (var page = 0; page < 6; page++)
        {
            offset.Add([.. (await queries.PageAsync(filter, page, 50, sort, descending)).Rows.Select(r => r.Id)]);
        }

        // 0 by offset, 1-5 forward by keyset, 4-1 back by keyset, 0 by offset again
        int[] walk = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0];
        var keyset = new List<bool>();
        foreach (var page in walk)
        {
            var shown = await pager.LoadAsync(filter, sort, descending, page, 50, CancellationToken.None);
            Assert.Equal(offset[page], shown.Rows.Select(r => r.Id));
            keyset.Add(pager.LastWasKeyset);
        }

        Assert.Equal(walk.Select(p => p != 0), keyset);
    }

    private static FindingsCursor Roundtrip(FindingsCursor c) =>
        Assert.IsType<FindingsCursor>(FindingsCursor.TryDecode(c.Encode(), out var back, out _) ? back : null);

    private static string Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string[] Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static async Task<JsonElement> GetJsonAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpClient> ApiAsync(string role)
    {
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        return ApiClient.WithToken(fx.App, (await TestUsers.CreateTokenAsync(fx.App, owner.Principal, role)).Token).Http;
    }

    // Every 10th finding resolved; many rows share each sort key, so only the id keeps the order total.
    private async Task<Guid> SeedAsync()
    {
        var factory = fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var cluster = new Cluster { Id = Guid.NewGuid(), Name = ClusterName, CreatedAt = at };
        var scan = new Scan { Id = Guid.NewGuid(), ClusterId = cluster.Id, Trigger = ScanTrigger.Scheduled, Status = ScanStatus.Succeeded, QueuedAt = at, FinishedAt = at.AddDays(1) };
        cluster.LastSucceededScanId = scan.Id;
        var workload = new WorkloadRecord
        {
            Id = Guid.NewGuid(), ClusterId = cluster.Id, Uid = Guid.NewGuid().ToString(), Kind = "Deployment", Namespace = "ns-0", Name = "w",
            ContainersJson = "[]", AnnotationsJson = "{}", FirstSeen = at, LastSeen = at,
        };
        db.Clusters.Add(cluster);
        db.Scans.Add(scan);
        db.Workloads.Add(workload);
        await db.SaveChangesAsync();
        string[] policies = ["image-tag-latest", "image-tag-missing", "image-pull-policy-mutable"];
        Severity[] severities = [Severity.High, Severity.Medium, Severity.Low];
        db.Findings.AddRange(Enumerable.Range(0, Count).Select(i => new FindingRecord
        {
            ClusterId = cluster.Id, WorkloadId = workload.Id, Fingerprint = $"keyset-{i}", Namespace = $"ns-{i % 5}", Kind = "Deployment",
            WorkloadName = $"w{i % 7}", Container = "app", ContainerType = ContainerType.Regular, Image = "nginx", PolicyId = policies[i % 3],
            Severity = severities[i / 3 % 3], Message = $"finding-{i}", Remediation = "r", IsOpen = i % 10 != 0,
            FirstSeen = at.AddHours(i % 4), LastSeen = at, ResolvedAt = i % 10 != 0 ? null : at.AddHours(30), LastScanId = scan.Id,
        }));
        await db.SaveChangesAsync();
        return cluster.Id;
    }
}
