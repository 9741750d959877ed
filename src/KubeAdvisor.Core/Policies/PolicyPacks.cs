namespace KubeAdvisor.Core.Policies;

/// <summary>The policy packs in listing order: the default-on image pack first, then the best-practice packs.</summary>
public static class PolicyPacks
{
    private static readonly string[] Order = ["image", "security", "reliability", "efficiency", "rbac"];

    /// <summary>Pack names in listing order; a pack not named here is listed after them, by name.</summary>
    public static IReadOnlyList<string> Names => Order;

    /// <summary>Every descriptor as the UI and the docs list them: by pack (<see cref="Names"/>), then by id.</summary>
    public static IReadOnlyList<PolicyDescriptor> Listed { get; } = PolicyCatalog.Descriptors
        .OrderBy(d => IndexOf(d.Pack))
        .ThenBy(d => d.Pack, StringComparer.Ordinal)
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .ToArray();

    private static int IndexOf(string pack) =>
        Array.IndexOf(Order, pack) is var i and >= 0 ? i : Order.Length;
}
