using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace KubeAdvisor.Core.Policies;

/// <summary>
/// Every policy of KubeAdvisor, discovered by reflection: each concrete <see cref="ContainerPolicy"/>,
/// <see cref="WorkloadPolicy"/> or <see cref="ObjectPolicy"/> subclass in this assembly with a parameterless constructor. Ordered by id.
/// In a trimmed build (the NativeAOT agent, which judges admission requests) reflection only sees what the trimmer kept:
/// the agent roots the policy namespaces (its <c>PolicyTypes.xml</c> descriptor), so every policy type and constructor stays
/// and discovery finds the same policies as under the JIT (asserted by the agent's native test through /readyz).
/// </summary>
public static class PolicyCatalog
{
    private static readonly IPolicy[] Policies = Discover();
    private static readonly FrozenDictionary<string, IPolicy> ById =
        Policies.ToFrozenDictionary(p => p.Descriptor.Id, StringComparer.Ordinal);

    /// <summary>All policies, ordered by id.</summary>
    public static IReadOnlyList<IPolicy> All => Policies;

    /// <summary>All descriptors, ordered by id.</summary>
    public static IReadOnlyList<PolicyDescriptor> Descriptors { get; } = Policies.Select(p => p.Descriptor).ToArray();

    /// <summary>The policy with this id, or null.</summary>
    public static IPolicy? Find(string id) => ById.GetValueOrDefault(id);

    // Trimmed (NativeAOT) apps that evaluate keep every policy type and its constructor: the CLI roots KubeAdvisor.Core
    // (TrimmerRootAssembly), the agent the policy namespaces (PolicyTypes.xml); both published binaries list the catalog.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Trimmed builds root the policy types (see above).")]
    private static IPolicy[] Discover()
    {
        var policies = typeof(PolicyCatalog).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IPolicy).IsAssignableFrom(t))
            .Select(Create)
            .OrderBy(p => p.Descriptor.Id, StringComparer.Ordinal)
            .ToArray();

        var duplicate = policies.GroupBy(p => p.Descriptor.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two policies share the id '{duplicate.Key}'.");
        }

        return policies;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Trimmed builds root the policy types: constructors are kept.")]
    private static IPolicy Create(Type type)
    {
        if (type.BaseType != typeof(ContainerPolicy) && type.BaseType != typeof(WorkloadPolicy) && type.BaseType != typeof(ObjectPolicy))
        {
            throw new InvalidOperationException($"{type.Name} must derive from ContainerPolicy, WorkloadPolicy or ObjectPolicy.");
        }

        var constructor = type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"{type.Name} needs a parameterless constructor.");
        return (IPolicy)constructor.Invoke(null);
    }
}
