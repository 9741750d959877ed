using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Scans;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>
/// The digest history the evaluator reads and the pins the findings offer, built from observation rows without the
/// database (decision 0043 rewrote both to hold less during a large scan).
/// </summary>
public sealed class DigestWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string A = "sha256:" + new string('a', 64), B = "sha256:" + new string('b', 64), C = "sha256:" + new string('c', 64);

    private static DigestObservation Row(string uid, string container, string image, string digest, int firstDay, int lastDay, bool gone,
        string type = "Regular") => new()
    {
        WorkloadUid = uid, ContainerType = type, Container = container, Image = image, Digest = digest,
        FirstSeen = T0.AddDays(firstDay), LastSeen = T0.AddDays(lastDay), GoneAt = gone ? T0.AddDays(lastDay) : null,
    };

    [Fact]
    public void HistoryOf_TakesTheRunningRowsImage_AndEachDigestOnceInReadOrder()
    {
        var history = DigestWriter.HistoryOf(
        [
            Row("u1", "web", "web:1", A, 0, 5, gone: true),
            Row("u1", "web", "web:latest", B, 5, 9, gone: false), // running: its image is the previous image
            Row("u1", "web", "web:2", C, 1, 8, gone: true),       // seen later than A, but not running
            Row("u1", "web", "web:1", A, 6, 7, gone: true),       // A again: one digest, not two
            Row("u1", "sidecar", "proxy:1", C, 0, 2, gone: true),
            Row("u1", "sidecar", "proxy:2", A, 0, 4, gone: true), // the last seen of the stopped rows wins
            Row("u1", "init", "setup:1", A, 0, 1, gone: true, type: "Init"),
        ]);

        var web = history.Find("u1", ContainerType.Regular, "web")!;
        Assert.Equal("web:latest", web.PreviousImage);
        Assert.Equal([A, B, C], web.KnownDigests);
        var sidecar = history.Find("u1", ContainerType.Regular, "sidecar")!;
        Assert.Equal("proxy:2", sidecar.PreviousImage);
        Assert.Equal([C, A], sidecar.KnownDigests);
        Assert.Equal("setup:1", history.Find("u1", ContainerType.Init, "init")!.PreviousImage);
        Assert.Null(history.Find("u1", ContainerType.Init, "web"));
        Assert.Null(history.Find("u2", ContainerType.Regular, "web"));
    }

    [Fact]
    public void HistoryOf_AmongEqualRecencyTheFirstReadStays()
    {
        var history = DigestWriter.HistoryOf(
        [
            Row("u1", "web", "web:first", A, 0, 3, gone: false),
            Row("u1", "web", "web:second", B, 1, 3, gone: false),
        ]);

        Assert.Equal("web:first", history.Find("u1", ContainerType.Regular, "web")!.PreviousImage);
    }

    [Fact]
    public void PinSuggestions_PinOnlyTheContainersOfPinFixedFindings()
    {
        var rows = new[]
        {
            Row("u1", "web", "registry.example.com/shop/web:latest", A, 0, 5, gone: true),
            Row("u1", "web", "registry.example.com/shop/web:latest", B, 5, 9, gone: false),
            Row("u2", "api", "registry.example.com/shop/api:latest", C, 0, 9, gone: false),
        };
        Finding Tag(string uid, string container) => new(uid, "Deployment", "shop", uid, container, ContainerType.Regular, "x:latest",
            "image-tag-latest", Severity.High, "uses latest", "Use a fixed tag.");
        var probe = new Finding("u2", "Deployment", "shop", "u2", "api", ContainerType.Regular, "x:latest",
            "container-liveness-probe-missing", Severity.Medium, "no probe", "Add a liveness probe.");

        // Only u1/web has a finding a pin fixes: u2/api has history too, but its finding is not one.
        var pins = PinSuggestions.From(rows, [Tag("u1", "web"), probe]);

        var web = pins.Remediation("image-tag-latest", "Use a fixed tag.", "u1", ContainerType.Regular, "web");
        Assert.StartsWith("Use a fixed tag.\nPin it: image: registry.example.com/shop/web@" + A, web);
        Assert.Contains("the digest that ran before the most recent move", web);
        Assert.Equal("Add a liveness probe.", pins.Remediation("container-liveness-probe-missing", "Add a liveness probe.", "u2", ContainerType.Regular, "api"));
        Assert.Equal("Use a fixed tag.", pins.Remediation("image-tag-latest", "Use a fixed tag.", "u2", ContainerType.Regular, "api"));
        Assert.Equal("Use a fixed tag.", pins.Remediation("image-tag-latest", "Use a fixed tag.", "u1", ContainerType.Regular, null));
    }
}
