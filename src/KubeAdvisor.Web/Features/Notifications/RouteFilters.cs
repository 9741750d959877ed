using System.Text;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Clusters;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// What a route lets through: clusters (ids and a cluster label), then findings (owning team, namespace glob, policy,
/// least severity). The one place the filters are applied, for every event.
/// </summary>
public static class RouteFilters
{
    /// <summary>The routes of <paramref name="events"/> whose cluster filters cover the cluster.</summary>
    public static async Task<List<NotificationRoute>> RoutesForClusterAsync(
        KubeAdvisorDbContext db, Guid clusterId, string labelsJson, IReadOnlyCollection<string> events, CancellationToken ct)
    {
        var routes = await db.NotificationRoutes.AsNoTracking().Where(r => events.Contains(r.Event)).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var labels = ClusterLabels.FromJson(labelsJson);
        return routes.Where(r => CoversCluster(r, clusterId, labels)).ToList();
    }

    /// <summary>Whether the route's cluster ids (empty = all) and cluster label (key=value) admit the cluster.</summary>
    public static bool CoversCluster(NotificationRoute route, Guid clusterId, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(labels);
        if (route.ClusterIds.Count > 0 && !route.ClusterIds.Contains(clusterId))
        {
            return false;
        }

        if (route.ClusterLabel is not { } selector)
        {
            return true;
        }

        var eq = selector.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && labels.TryGetValue(selector[..eq], out var value) && value == selector[(eq + 1)..];
    }

    /// <summary>The findings the route lets through (team, namespace, policy, least severity), as a query.</summary>
    public static IQueryable<FindingRecord> Findings(IQueryable<FindingRecord> findings, NotificationRoute route)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(route);
        var min = (Severity)route.MinSeverity;
        var query = findings.Where(f => f.Severity >= min);
        if (route.TeamIds.Count > 0)
        {
            var teams = route.TeamIds;
            query = query.Where(f => f.TeamId != null && teams.Contains(f.TeamId.Value));
        }

        if (route.PolicyIds.Count > 0)
        {
            var policies = route.PolicyIds;
            query = query.Where(f => policies.Contains(f.PolicyId));
        }

        if (route.Namespace is { } glob && glob != "*")
        {
            var pattern = LikePattern(glob);
            query = query.Where(f => EF.Functions.Like(f.Namespace, pattern, "\\"));
        }

        return query;
    }

    /// <summary>A glob ('*' any run, '?' one character, as everywhere in KubeAdvisor) as a LIKE pattern with '\' escaping.</summary>
    public static string LikePattern(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var like = new StringBuilder(glob.Length + 8);
        foreach (var c in glob)
        {
            like.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                '%' or '_' or '\\' => "\\" + c,
                _ => c.ToString(),
            });
        }

        return like.ToString();
    }
}
