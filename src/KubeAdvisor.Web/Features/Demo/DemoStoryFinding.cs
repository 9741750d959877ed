namespace KubeAdvisor.Web.Features.Demo;

/// <summary>One failed check of the demo history: where, what, and the days (before today) it opened and was fixed.</summary>
/// <param name="Opened">Days ago the scan that first saw it ran.</param>
/// <param name="Fixed">Days ago the scan that no longer saw it ran; null while open.</param>
internal sealed record DemoStoryFinding(
    string Namespace, string Workload, string Image, string PolicyId, string Message, int Opened, int? Fixed)
{
    /// <summary>Seen by the scan of <paramref name="daysAgo"/>.</summary>
    public bool OpenOn(int daysAgo) => Opened >= daysAgo && (Fixed is not { } f || daysAgo > f);
}
