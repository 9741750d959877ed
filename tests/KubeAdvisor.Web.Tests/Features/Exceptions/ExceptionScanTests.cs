using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KubeAdvisor.Web.Tests.Features.Exceptions;

/// <summary>
/// Approved exceptions in real scans, with the clock moved by a FakeTimeProvider: they exempt from the next scan on,
/// and when they expire or are revoked the findings reopen with a note.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ExceptionScanTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private IDbContextFactory<KubeAdvisorDbContext> Factory => fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        // shop/web runs nginx (no tag), shop/api a :latest image, payments/ledger a pinned tag: two findings.
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task ApprovedException_ExemptsFromTheNextScan_AndItsExpiryReopensTheFindingWithANote()
    {
        var cluster = await NewClusterAsync();
        var exception = await AddAsync(cluster, e => { e.Namespace = "shop"; e.Name = "api"; }, "image-tag-latest", TimeSpan.FromDays(2));

        var exempted = await ScanAsync(cluster);

        Assert.Equal(["image-tag-missing"], await OpenPoliciesAsync(cluster));
        Assert.Equal(1, exempted.Exempt);
        Assert.Equal(1, (await FindAsync(exception)).MatchedChecks);

        _time.Advance(TimeSpan.FromDays(3));
        var reopened = await ScanAsync(cluster);

        Assert.Equal(["image-tag-latest", "image-tag-missing"], await OpenPoliciesAsync(cluster));
        Assert.Equal(ExceptionRules.ExpiredNote, await NoteAsync(cluster, "image-tag-latest"));
        Assert.Null(await NoteAsync(cluster, "image-tag-missing"));
        Assert.Equal((1, 0), (reopened.Introduced, reopened.Exempt));
        // The API's finding JSON carries the note too.
        var api = await _api.FindingsAsync(cluster);
        Assert.Equal(ExceptionRules.ExpiredNote, api.Single(f => f!["policy"]!.GetValue<string>() == "image-tag-latest")!["note"]!.GetValue<string>());
        Assert.Null(api.Single(f => f!["policy"]!.GetValue<string>() == "image-tag-missing")!["note"]);
        Assert.True(reopened.Score < exempted.Score, $"{reopened.Score} should be below {exempted.Score}");
    }

    [Fact]
    public async Task RevokedException_ReopensTheFindingAtTheNextScan()
    {
        var cluster = await NewClusterAsync();
        var exception = await AddAsync(cluster, e => e.Kind = "deploy*", "image-tag-missing", TimeSpan.FromDays(30));
        await ScanAsync(cluster);
        Assert.Equal(["image-tag-latest"], await OpenPoliciesAsync(cluster));

        await using (var db = await Factory.CreateDbContextAsync())
        {
            var row = await db.PolicyExceptions.SingleAsync(e => e.Id == exception);
            (row.Status, row.RevokedAt, row.RevokedBy) = (ExceptionStatus.Revoked, _time.GetUtcNow(), "test");
            await db.SaveChangesAsync();
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        await ScanAsync(cluster);

        Assert.Equal(["image-tag-latest", "image-tag-missing"], await OpenPoliciesAsync(cluster));
        Assert.Equal(ExceptionRules.RevokedNote, await NoteAsync(cluster, "image-tag-missing"));
    }

    [Fact]
    public async Task AllClusterException_Applies_AnotherClustersDoesNot_PendingDoesNot()
    {
        var cluster = await NewClusterAsync();
        var other = await NewClusterAsync();
        // The database is shared by the whole test collection: the all-cluster exception is removed before anything else scans.
        var everywhere = await AddAsync(null, e => e.Image = "registry.example.com/shop/*", "image-tag-latest", TimeSpan.FromDays(1));
        try
        {
            await AddAsync(other, _ => { }, "image-tag-missing", TimeSpan.FromDays(1));
            await AddAsync(cluster, e => e.Status = ExceptionStatus.Pending, "image-tag-missing", TimeSpan.FromDays(1));

            await ScanAsync(cluster);

            Assert.Equal(["image-tag-missing"], await OpenPoliciesAsync(cluster));
        }
        finally
        {
            await using var db = await Factory.CreateDbContextAsync();
            await db.PolicyExceptions.Where(e => e.Id == everywhere).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task ExpiryJob_AuditsEachExpiryOnce()
    {
        var cluster = await NewClusterAsync();
        var exception = await AddAsync(cluster, _ => { }, "image-tag-latest", TimeSpan.FromHours(1));
        var job = new ExceptionExpiryJob(Factory, fx.App.Services.GetRequiredService<AuditLog>(), _time);
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(0L, await AuditCountAsync(exception));

        _time.Advance(TimeSpan.FromHours(2));
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);

        Assert.Equal(1L, await AuditCountAsync(exception));
    }

    private Task<long> AuditCountAsync(Guid exception) => fx.Database.ScalarAsync(
        $"SELECT count(*) FROM audit_entries WHERE \"Action\" = '{AuditActions.ExceptionExpired}' AND \"Target\" LIKE 'exception {exception}%'")
        .ContinueWith(t => (long)t.Result!);

    private async Task<Guid> NewClusterAsync()
    {
        var cluster = await _api.AddClusterAsync("exc-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(cluster);
        Assert.Equal(["image-tag-latest", "image-tag-missing"], await OpenPoliciesAsync(cluster));
        return cluster;
    }

    private async Task<Guid> AddAsync(Guid? cluster, Action<PolicyException> scope, string policy, TimeSpan lasts)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var now = _time.GetUtcNow();
        var row = new PolicyException
        {
            Id = Guid.NewGuid(), ClusterId = cluster, Policies = [policy], Reason = "test", ExpiresAt = now + lasts,
            Status = ExceptionStatus.Approved, RequestedBy = "test", RequestedAt = now, DecidedBy = "test", DecidedAt = now,
        };
        scope(row);
        db.PolicyExceptions.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task<PolicyException> FindAsync(Guid id)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.PolicyExceptions.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    private async Task<Scan> ScanAsync(Guid cluster)
    {
        var processor = new ScanProcessor(Factory, new ScanStore(_time), _time);
        var scanId = await DirectScans.AddRunningScanAsync(Factory, cluster);
        await processor.StoreAsync(scanId, await DirectScans.CollectAsync(_fake), 1.0, CancellationToken.None);
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Scans.AsNoTracking().SingleAsync(s => s.Id == scanId);
    }

    private async Task<List<string>> OpenPoliciesAsync(Guid cluster)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Findings.Where(f => f.ClusterId == cluster && f.IsOpen).Select(f => f.PolicyId).OrderBy(p => p).ToListAsync();
    }

    private async Task<string?> NoteAsync(Guid cluster, string policy)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Findings.Where(f => f.ClusterId == cluster && f.IsOpen && f.PolicyId == policy).Select(f => f.Note).SingleAsync();
    }
}
