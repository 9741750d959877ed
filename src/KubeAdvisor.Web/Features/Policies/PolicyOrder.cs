using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Policies;

/// <summary>How the UI lists policies: the default-on image pack first, then each pack, by id within a pack.</summary>
public static class PolicyOrder
{
    private static readonly string[] Packs = ["image", "security", "reliability", "efficiency"];

    public static IReadOnlyList<PolicyDescriptor> Descriptors { get; } = PolicyCatalog.Descriptors
        .OrderBy(d => Array.IndexOf(Packs, d.Pack) is var i and >= 0 ? i : Packs.Length)
        .ThenBy(d => d.Pack, StringComparer.Ordinal)
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .ToList();
}
