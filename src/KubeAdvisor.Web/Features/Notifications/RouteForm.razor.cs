using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Teams;
using Microsoft.AspNetCore.Components;
using PolicySeverity = KubeAdvisor.Core.Policies.Severity;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// The fields of a route; <see cref="OnSave"/> gets the whole route as a <see cref="RouteRequest"/> and the page stores
/// it through <see cref="NotificationAdministration"/>, whose refusals come back as <see cref="Errors"/> (nothing saved).
/// </summary>
public sealed partial class RouteForm
{
    private Guid? _channel;
    private string? _event = NotificationEvents.FindingsIntroduced;
    private PolicySeverity _severity = PolicySeverity.Info;
    private IReadOnlyCollection<Guid>? _teams = [];
    private IReadOnlyCollection<Guid>? _clusters = [];
    private IReadOnlyCollection<string>? _policies = [];
    private string? _clusterLabel;
    private string? _namespace;
    private int _limit = RouteValidation.DefaultLimit;
    private int? _quietStart;
    private int? _quietEnd;

    [Parameter, EditorRequired] public IReadOnlyList<ChannelView> Channels { get; set; } = [];

    [Parameter, EditorRequired] public IReadOnlyList<TeamOption> Teams { get; set; } = [];

    [Parameter, EditorRequired] public IReadOnlyList<FindingsQueries.ClusterOption> Clusters { get; set; } = [];

    /// <summary>The route being changed; null for a new one.</summary>
    [Parameter] public RouteView? Editing { get; set; }

    /// <summary>Why the last save was refused; shown beside the fields.</summary>
    [Parameter] public IReadOnlyList<string> Errors { get; set; } = [];

    [Parameter] public EventCallback<RouteRequest> OnSave { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    public static string EventName(string? name) => name switch
    {
        NotificationEvents.FindingsIntroduced => "Findings introduced by a scan",
        NotificationEvents.FindingsFixed => "Findings fixed by a scan",
        NotificationEvents.ScanHealth => "Scan health (failed, partial, agent offline)",
        NotificationEvents.WeeklyDigest => "Weekly digest (Monday 08:00 UTC)",
        _ => name ?? "",
    };

    protected override void OnInitialized()
    {
        if (Editing is not { } r)
        {
            _channel = Channels.Count == 1 ? Channels[0].Id : null;
            return;
        }

        (_channel, _event, _teams, _clusters, _policies) = (r.ChannelId, r.Event, r.TeamIds.ToHashSet(), r.ClusterIds.ToHashSet(), r.PolicyIds.ToHashSet());
        _severity = Enum.TryParse<PolicySeverity>(r.MinSeverity, ignoreCase: true, out var s) ? s : PolicySeverity.Info;
        (_clusterLabel, _namespace, _limit, _quietStart, _quietEnd) = (r.ClusterLabel, r.Namespace, r.Limit, r.QuietHours?.StartHour, r.QuietHours?.EndHour);
    }

    private string ChannelName(Guid? id) => Channels.FirstOrDefault(c => c.Id == id)?.Name ?? "";

    private string TeamName(Guid id) => Teams.FirstOrDefault(t => t.Id == id)?.Name ?? id.ToString();

    private string ClusterName(Guid id) => Clusters.FirstOrDefault(c => c.Id == id)?.Name ?? id.ToString();

    // Blank text filters are absent (all); quiet hours are sent as typed, so one hour without the other is refused, not dropped.
    private Task SaveAsync() => OnSave.InvokeAsync(new RouteRequest(
        _channel,
        _event,
        _severity,
        (_clusters ?? []).ToList(),
        (_teams ?? []).ToList(),
        string.IsNullOrWhiteSpace(_clusterLabel) ? null : _clusterLabel.Trim(),
        string.IsNullOrWhiteSpace(_namespace) ? null : _namespace.Trim(),
        (_policies ?? []).ToList(),
        _limit,
        _quietStart is null && _quietEnd is null ? null : new QuietHoursRequest(_quietStart, _quietEnd)));
}
