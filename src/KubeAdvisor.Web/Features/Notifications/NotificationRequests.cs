using System.Text.Json.Serialization;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// POST /api/v1/notifications/channels: a channel. <paramref name="Url"/> for webhook, slack and teams;
/// <paramref name="Secret"/> (the HMAC key) for webhook only; <paramref name="To"/> (comma-separated addresses) for
/// email. The URL and the secret are never shown again. Unknown fields are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChannelRequest(string? Type = null, string? Name = null, string? Url = null, string? Secret = null, string? To = null);

/// <summary>
/// POST /api/v1/notifications/routes (and PUT …/{id}): one event to one channel. Empty lists and absent filters mean
/// all. <paramref name="ClusterLabel"/> is <c>key=value</c>; <paramref name="Namespace"/> a glob; <paramref name="Limit"/>
/// how many findings a message lists (default 10, at most 25). Unknown fields are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RouteRequest(
    Guid? ChannelId = null,
    string? Event = null,
    Severity? MinSeverity = null,
    IReadOnlyList<Guid>? ClusterIds = null,
    IReadOnlyList<Guid>? TeamIds = null,
    string? ClusterLabel = null,
    string? Namespace = null,
    IReadOnlyList<string>? PolicyIds = null,
    int? Limit = null,
    QuietHoursRequest? QuietHours = null);

/// <summary>Quiet hours of a route: whole UTC hours, from <paramref name="StartHour"/> up to <paramref name="EndHour"/>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QuietHoursRequest(int? StartHour = null, int? EndHour = null);

/// <summary>Outcome of a channel or route change: the id on success, else every reason (nothing changed).</summary>
public sealed record NotificationCommandResult(Guid? Id, IReadOnlyList<string> Errors, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;

    public static NotificationCommandResult Ok(Guid id) => new(id, []);

    public static NotificationCommandResult Fail(params string[] errors) => new(null, errors);

    public static NotificationCommandResult Missing(string what) => new(null, [$"No such {what}."], NotFound: true);
}
