using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Clusters;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>What a route may say (checked before it is stored), and how a request becomes a stored route.</summary>
internal static class RouteValidation
{
    public const int MaxListed = 100;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 25;

    public static async Task<List<string>> ErrorsAsync(KubeAdvisorDbContext db, RouteRequest r, CancellationToken ct)
    {
        var errors = new List<string>();
        if (r.ChannelId is not { } channelId || !await db.NotificationChannels.AnyAsync(c => c.Id == channelId, ct))
        {
            errors.Add("channelId must name an existing channel.");
        }

        if (r.Event is null || !NotificationEvents.All.Contains(r.Event))
        {
            errors.Add($"event must be one of {string.Join(", ", NotificationEvents.All)}.");
        }

        if (r.MinSeverity is { } severity && !Enum.IsDefined(severity))
        {
            errors.Add("minSeverity must be info, low, medium, high or critical.");
        }

        var clusters = (r.ClusterIds ?? []).Distinct().ToList();
        var teams = (r.TeamIds ?? []).Distinct().ToList();
        var policies = (r.PolicyIds ?? []).Distinct().ToList();
        if (clusters.Count > MaxListed || teams.Count > MaxListed || policies.Count > MaxListed)
        {
            errors.Add($"clusterIds, teamIds and policyIds hold at most {MaxListed} entries each.");
            return errors;
        }

        if (clusters.Count > 0 && await db.Clusters.CountAsync(c => clusters.Contains(c.Id), ct) != clusters.Count)
        {
            errors.Add("clusterIds names a cluster that does not exist.");
        }

        if (teams.Count > 0 && await db.Teams.CountAsync(t => teams.Contains(t.Id), ct) != teams.Count)
        {
            errors.Add("teamIds names a team that does not exist.");
        }

        errors.AddRange(policies.Where(p => PolicyCatalog.Find(p ?? "") is null).Select(p => $"No policy '{Cut(p)}' (policyIds)."));
        if (r.ClusterLabel is { } selector)
        {
            var eq = selector.IndexOf('=', StringComparison.Ordinal);
            var error = eq <= 0 ? "clusterLabel must be key=value, e.g. env=prod."
                : ClusterLabels.KeyError(selector[..eq]) ?? ClusterLabels.ValueError(selector[..eq], selector[(eq + 1)..]);
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        if (r.Namespace is { } glob && (glob.Length is 0 or > 253 || glob.Any(char.IsWhiteSpace)))
        {
            errors.Add("namespace must be a name or glob ('*', '?') of at most 253 characters without spaces.");
        }

        if (r.Limit is < 1 or > MaxLimit)
        {
            errors.Add($"limit must be between 1 and {MaxLimit}.");
        }

        if (QuietHours.Error(r.QuietHours?.StartHour, r.QuietHours?.EndHour) is { } quiet)
        {
            errors.Add(quiet);
        }

        return errors;
    }

    public static void Apply(NotificationRoute route, RouteRequest r)
    {
        route.ChannelId = r.ChannelId!.Value;
        route.Event = r.Event!;
        route.MinSeverity = (int)(r.MinSeverity ?? Severity.Info);
        route.ClusterIds = (r.ClusterIds ?? []).Distinct().ToList();
        route.TeamIds = (r.TeamIds ?? []).Distinct().ToList();
        route.PolicyIds = (r.PolicyIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        route.ClusterLabel = string.IsNullOrWhiteSpace(r.ClusterLabel) ? null : r.ClusterLabel;
        route.Namespace = string.IsNullOrWhiteSpace(r.Namespace) ? null : r.Namespace;
        route.Limit = r.Limit ?? DefaultLimit;
        route.QuietStartHour = r.QuietHours?.StartHour;
        route.QuietEndHour = r.QuietHours?.EndHour;
    }

    public static string Describe(NotificationRoute r) =>
        $"{r.Event} to channel {r.ChannelId}, severity {((Severity)r.MinSeverity).ToString().ToLowerInvariant()}+"
        + (r.ClusterIds.Count == 0 ? ", all clusters" : $", clusters [{string.Join(", ", r.ClusterIds)}]")
        + (r.TeamIds.Count == 0 ? "" : $", teams [{string.Join(", ", r.TeamIds)}]")
        + (r.ClusterLabel is null ? "" : $", cluster label {r.ClusterLabel}")
        + (r.Namespace is null ? "" : $", namespace {r.Namespace}")
        + (r.PolicyIds.Count == 0 ? "" : $", policies [{string.Join(", ", r.PolicyIds)}]")
        + (r.QuietStartHour is null ? "" : $", quiet {r.QuietStartHour:00}-{r.QuietEndHour:00} UTC");

    private static string Cut(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
