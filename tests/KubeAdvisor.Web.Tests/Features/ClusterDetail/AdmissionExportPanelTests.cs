using Bunit;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Web.Features.ClusterDetail;
using MudBlazor.Services;

namespace KubeAdvisor.Web.Tests.Features.ClusterDetail;

public sealed class AdmissionExportPanelTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_Cluster_OffersTheDownloadsAndListsEveryPolicyCelCannotExpress()
    {
        var id = Guid.NewGuid();

        var cut = _ctx.Render<AdmissionExportPanel>(p => p.Add(x => x.ClusterId, id));

        Assert.Equal($"/api/v1/clusters/{id}/admission/validating-admission-policy.yaml?action=Deny",
            cut.Find("[data-testid=admission-export-deny]").GetAttribute("href"));
        Assert.EndsWith("?action=Warn", cut.Find("[data-testid=admission-export-warn]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("Kubernetes 1.30 or later", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(CelPolicies.NotExpressible.Count, cut.FindAll("[data-testid=admission-not-expressible] li").Count);
        Assert.Contains("digests the pods actually run", cut.Find("[data-testid=admission-not-expressible-image-tag-moved]").TextContent, StringComparison.Ordinal);
    }
}
