using System.Globalization;
using System.Net;
using k8s.Autorest;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// The one home of what a partial scan says about the kinds it could not list (decision 0018): which failures make a
/// kind unavailable (403, 404), the sentence and RBAC rule shown to people, the check of what an agent reports, and
/// the compact text stored on the scan row.
/// </summary>
public static class UnavailableKinds
{
    /// <summary>403 or 404 when <paramref name="e"/> is the API server refusing or not serving a list; else null.</summary>
    public static int? StatusOf(ClusterScanException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.InnerException is HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.NotFound } http
            ? (int)http.Response.StatusCode
            : null;
    }

    /// <summary>"incomplete: cannot list poddisruptionbudgets.policy (403)" names, e.g. <c>cannot list cronjobs.batch (404)</c>.</summary>
    public static string Describe(UnavailableKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return $"cannot list {kind.Resource} ({kind.StatusCode.ToString(CultureInfo.InvariantCulture)})";
    }

    /// <summary>"incomplete: cannot list poddisruptionbudgets.policy (403), …"; null when nothing is missing.</summary>
    public static string? Warning(IReadOnlyList<UnavailableKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return kinds.Count == 0 ? null : "incomplete: " + string.Join(", ", kinds.Select(Describe));
    }

    /// <summary>What to do about it: the rule for the scanner's ClusterRole (403), or what the server lacks (404).</summary>
    public static string Advice(UnavailableKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind.StatusCode == 403 && ScannedKind.All.Any(k => k.Resource == kind.Resource && k.IsOptIn))
        {
            return $"apply deploy/scanner-rbac-configmaps.yaml (or deploy/agent/rbac-configmaps.yaml for the agent) to let the scanner list {kind.Resource}, or switch off the policies that need it";
        }

        return kind.StatusCode == 403
            ? $"add `{RbacRule(kind.Resource)}` to the scanner's ClusterRole (deploy/scanner-rbac.yaml)"
            : $"the API server does not serve {ApiVersionOf(kind.Resource)} {kind.Resource.Split('.')[0]}; policies that need it are not evaluated";
    }

    /// <summary>The ClusterRole rule that lets the scanner list <paramref name="resource"/>, in deploy/scanner-rbac.yaml's style.</summary>
    public static string RbacRule(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var dot = resource.IndexOf('.', StringComparison.Ordinal);
        var (plural, group) = dot < 0 ? (resource, "") : (resource[..dot], resource[(dot + 1)..]);
        return $"apiGroups: [\"{group}\"], resources: [\"{plural}\"], verbs: [\"get\", \"list\"]";
    }

    /// <summary>
    /// What an agent reported, kept only where it could be true: optional kinds the collector lists, with 403 or 404,
    /// each once, in listing order, with the kind named by the collector (not by the payload).
    /// </summary>
    public static IReadOnlyList<UnavailableKind> Checked(IEnumerable<UnavailableKind>? reported)
    {
        if (reported is null)
        {
            return [];
        }

        var byResource = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in reported)
        {
            if (u?.Resource is { } r && u.StatusCode is 403 or 404)
            {
                byResource.TryAdd(r, u.StatusCode);
            }
        }

        return ScannedKind.All
            .Where(k => k.IsOptional && byResource.ContainsKey(k.Resource))
            .Select(k => new UnavailableKind(k.Resource, k.Kind, byResource[k.Resource]))
            .ToList();
    }

    /// <summary>
    /// What a scan reports as unavailable: every kind except an opt-in one (ConfigMaps) that no enabled policy needed, so a
    /// cluster that has not opted in is not told about it at every scan (decision 0037). A kind an enabled policy needed
    /// (a policy in <paramref name="neededResources"/>' plan that was not evaluated) is always reported.
    /// </summary>
    /// <param name="kinds">The snapshot's unavailable kinds.</param>
    /// <param name="neededResources">The RequiredKinds of the enabled policies that were not evaluated.</param>
    public static IReadOnlyList<UnavailableKind> Reported(IReadOnlyList<UnavailableKind> kinds, IEnumerable<string> neededResources)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(neededResources);
        var needed = neededResources.ToHashSet(StringComparer.Ordinal);
        return kinds.Where(k => needed.Contains(k.Resource) || !ScannedKind.All.Any(s => s.Resource == k.Resource && s.IsOptIn)).ToList();
    }

    /// <summary>The scan row's text: <c>poddisruptionbudgets.policy=403,cronjobs.batch=404</c>; null when nothing is missing.</summary>
    public static string? Encode(IReadOnlyList<UnavailableKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return kinds.Count == 0
            ? null
            : string.Join(',', kinds.Select(k => k.Resource + "=" + k.StatusCode.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads <see cref="Encode"/>'s text back (entries it does not know are dropped).</summary>
    public static IReadOnlyList<UnavailableKind> Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        return Checked(text.Split(',').Select(entry => entry.Split('=') is [var resource, var code]
                && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? new UnavailableKind(resource, "", status)
            : null!));
    }

    /// <summary>Whether the collector lists objects of <paramref name="kind"/> (<c>Deployment</c>) itself.</summary>
    public static bool IsListed(string kind) => ScannedKind.All.Any(k => k.Kind == kind);

    private static string ApiVersionOf(string resource) =>
        ScannedKind.All.FirstOrDefault(k => k.Resource == resource)?.ApiVersion ?? "";
}
