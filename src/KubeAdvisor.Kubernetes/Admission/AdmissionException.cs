using KubeAdvisor.Core.Exceptions;

namespace KubeAdvisor.Kubernetes.Admission;

/// <summary>
/// An approved exception as the agent receives it: its scope globs, the policies it covers and when it ends, so an
/// exception that expires while the server is unreachable stops exempting on time.
/// </summary>
/// <param name="Id">The stored exception's id.</param>
/// <param name="Namespace">Namespace glob (null = any).</param>
/// <param name="Kind">Workload kind glob.</param>
/// <param name="Name">Workload name glob.</param>
/// <param name="Container">Container name glob.</param>
/// <param name="Image">Image glob.</param>
/// <param name="Policies">The policy ids it exempts.</param>
/// <param name="ExpiresAt">When it stops exempting.</param>
public sealed record AdmissionException(
    string Id, string? Namespace, string? Kind, string? Name, string? Container, string? Image, IReadOnlyList<string> Policies, DateTimeOffset ExpiresAt)
{
    /// <summary>The rule the evaluator applies.</summary>
    public ExceptionRule ToRule() => new(Id, new ExceptionScope(Namespace, Kind, Name, Container, Image), Policies);

    /// <summary>The wire form of an evaluator rule that ends at <paramref name="expiresAt"/>.</summary>
    public static AdmissionException From(ExceptionRule rule, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var s = rule.Scope;
        return new(rule.Id, s.Namespace, s.Kind, s.Name, s.Container, s.Image, rule.Policies, expiresAt);
    }
}
