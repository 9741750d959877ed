using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Metrics;

namespace KubeAdvisor.Web.Tests.Features.Metrics;

/// <summary>Each finished scan reaches the counters once: not those finished before the start, late commits included.</summary>
public sealed class ScanFeedTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static FinishedScanRow Scan(int minutes, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), ScanStatus.Succeeded, Start.AddMinutes(minutes - 1), Start.AddMinutes(minutes), null, false);

    [Fact]
    public void Take_ScansSeenAtStart_AreNotCounted()
    {
        var before = Scan(-2);
        var feed = new ScanFeed();
        feed.Start(Start, [before]);

        var after = Scan(1);

        Assert.Equal([after], feed.Take([before, after]));
    }

    [Fact]
    public void Take_TheSameScanReadAgain_IsCountedOnce()
    {
        var feed = new ScanFeed();
        feed.Start(Start, []);
        var scan = Scan(1);

        Assert.Single(feed.Take([scan]));
        Assert.Empty(feed.Take([scan]));
    }

    [Fact]
    public void Take_ALateCommitBehindTheNewestScan_IsCountedWithinTheOverlap()
    {
        var feed = new ScanFeed();
        feed.Start(Start, []);
        feed.Take([Scan(20)]);

        var late = Scan(15); // finished before the newest one, committed after it was read

        Assert.True(feed.Since <= late.FinishedAt);
        Assert.Equal([late], feed.Take([late]));
        Assert.Equal(Start.AddMinutes(20) - ScanFeed.Overlap, feed.Since);
    }

    [Fact]
    public void Take_RemembersOnlyTheOverlap()
    {
        var feed = new ScanFeed();
        feed.Start(Start, []);
        var old = Scan(1);
        feed.Take([old]);
        feed.Take([Scan(60)]);

        // Out of the window: the next read (FinishedAt >= Since) no longer returns it, and it is forgotten.
        Assert.True(old.FinishedAt < feed.Since);
    }
}
