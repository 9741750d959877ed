namespace KubeAdvisor.Core.Exceptions;

/// <summary>
/// An exception as the evaluator sees it: approved and not expired (or, for <see cref="ExceptionSet.Lapsed"/>, one
/// that has just stopped exempting). Which cluster it belongs to was decided by whoever built the set.
/// </summary>
/// <param name="Id">Stable id (the stored exception's), for counting what it matched.</param>
/// <param name="Scope">What it covers.</param>
/// <param name="Policies">The policy ids it exempts.</param>
public sealed record ExceptionRule(string Id, ExceptionScope Scope, IReadOnlyList<string> Policies)
{
    /// <summary>Why the findings it exempted are open again, for a lapsed rule ("exception expired" / "exception revoked").</summary>
    public string? LapseNote { get; init; }

    /// <summary>True when the rule exempts this policy.</summary>
    public bool Covers(string policyId) => Policies.Contains(policyId, StringComparer.Ordinal);
}
