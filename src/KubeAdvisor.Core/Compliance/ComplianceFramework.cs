namespace KubeAdvisor.Core.Compliance;

/// <summary>One control of a framework: its key (<c>framework:id</c>, what descriptors name), its id as the framework writes it, and its title.</summary>
public sealed record ComplianceControl(string Key, string Id, string Title);

/// <summary>
/// A compliance framework whose controls the policies evidence (see <see cref="Policies.PolicyDescriptor.Controls"/>).
/// A control no enabled policy evidences is "not assessed", never passed.
/// </summary>
public sealed record ComplianceFramework(string Id, string Name, string Source, IReadOnlyList<ComplianceControl> Controls);
