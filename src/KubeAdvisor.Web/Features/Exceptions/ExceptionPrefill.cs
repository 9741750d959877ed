using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// What the request form starts with, read from its query string (<c>/exceptions/new?cluster=&amp;namespace=&amp;kind=&amp;name=&amp;container=&amp;image=&amp;policy=</c>),
/// and the link that carries a finding's scope there. Anyone can craft such a link, so every value is bounded and checked
/// as a request would be; one that fails is left out (the form starts emptier), never an error.
/// </summary>
/// <param name="ClusterId">A well-formed id; the page still checks that the cluster exists.</param>
/// <param name="Policies">Known policy ids only, at most <see cref="ExceptionValidation.MaxPolicies"/>.</param>
public sealed record ExceptionPrefill(
    Guid? ClusterId, string? Namespace, string? Kind, string? Name, string? Container, string? Image, IReadOnlyList<string> Policies)
{
    /// <summary>The request form.</summary>
    public const string Path = "/exceptions/new";

    // A policy list longer than this is not something a link of ours produced: it is not read at all.
    private const int MaxPolicyText = 4096;

    public static ExceptionPrefill Empty { get; } = new(null, null, null, null, null, null, []);

    /// <param name="policies">The <c>policy</c> values: repeated, comma-separated, or both.</param>
    public static ExceptionPrefill Parse(string? cluster, string? ns, string? kind, string? name, string? container, string? image,
        IEnumerable<string?>? policies)
    {
        var ids = new List<string>();
        foreach (var value in policies ?? [])
        {
            if (value is null || value.Length > MaxPolicyText)
            {
                continue;
            }

            foreach (var policyId in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (ids.Count < ExceptionValidation.MaxPolicies && PolicyCatalog.Find(policyId) is not null && !ids.Contains(policyId, StringComparer.Ordinal))
                {
                    ids.Add(policyId);
                }
            }
        }

        return new ExceptionPrefill(
            Guid.TryParse(cluster, out var id) && id != Guid.Empty ? id : null,
            Glob(ns, g => new ExceptionScope(Namespace: g)),
            Glob(kind, g => new ExceptionScope(Kind: g)),
            Glob(name, g => new ExceptionScope(Name: g)),
            Glob(container, g => new ExceptionScope(Container: g)),
            Glob(image, g => new ExceptionScope(Image: g)),
            ids);
    }

    /// <summary>The form pre-filled with one finding's scope: its cluster, namespace, kind, workload, container and policy.</summary>
    public static string Link(Guid clusterId, string ns, string kind, string name, string? container, string policyId)
    {
        var query = new List<string>
        {
            "cluster=" + clusterId,
            "namespace=" + Uri.EscapeDataString(ns),
            "kind=" + Uri.EscapeDataString(kind),
            "name=" + Uri.EscapeDataString(name),
        };
        if (container is not null)
        {
            query.Add("container=" + Uri.EscapeDataString(container));
        }

        query.Add("policy=" + Uri.EscapeDataString(policyId));
        return Path + "?" + string.Join('&', query);
    }

    // The one rule for a usable glob is ExceptionScope.Validate: a value it refuses is dropped.
    private static string? Glob(string? value, Func<string, ExceptionScope> scope)
    {
        var clean = ExceptionValidation.Clean(value is { Length: > ExceptionScope.MaxGlobLength } ? null : value);
        return clean is not null && scope(clean).Validate().Count == 0 ? clean : null;
    }
}
