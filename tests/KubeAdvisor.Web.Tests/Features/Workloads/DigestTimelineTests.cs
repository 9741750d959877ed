using Bunit;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Workloads;
using MudBlazor.Services;

namespace KubeAdvisor.Web.Tests.Features.Workloads;

public sealed class DigestTimelineTests : IAsyncLifetime
{
    private static readonly string A = "sha256:" + new string('a', 64);
    private static readonly string B = "sha256:" + new string('b', 64);
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_TagMoved_ShowsBothDigestsAndPinsTheOneBeforeTheMove()
    {
        var nov1 = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        var nov20 = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        var history = new List<DigestQueries.DigestRow>
        {
            new("web", "Regular", "registry.example.com/shop/web:latest", A, nov1, nov20, 2, false),
            new("web", "Regular", "registry.example.com/shop/web:latest", B, nov20, nov20, 3, true),
        };

        var cut = _ctx.Render<DigestTimeline>(p => p.Add(x => x.History, history));

        var text = cut.Find("[data-testid=digest-container]").TextContent;
        Assert.Contains("sha256:aaaaaaaaaaaa… from 1 Nov 2026 to 20 Nov 2026", text);
        Assert.Contains("sha256:bbbbbbbbbbbb… since 20 Nov 2026", text);
        Assert.Equal($"image: registry.example.com/shop/web@{A}", cut.Find("[data-testid=digest-pin]").TextContent);
    }

    [Fact]
    public void Render_NoHistory_SaysSo()
    {
        var cut = _ctx.Render<DigestTimeline>(p => p.Add(x => x.History, new List<DigestQueries.DigestRow>()));

        Assert.Contains("No pod of this workload has reported an image digest yet", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=digest-pin]"));
    }
}
