using KubeAdvisor.Core.Evaluation;

namespace KubeAdvisor.Core.Exceptions;

/// <summary>
/// The approved exceptions one evaluation applies, the moment it is evaluated at (for annotation end dates), and the
/// exceptions that have just stopped applying (expired or revoked), whose findings reopen with a note.
/// </summary>
public sealed class ExceptionSet
{
    /// <param name="active">Approved, not expired, of this cluster or of all clusters.</param>
    /// <param name="now">When the evaluation happens.</param>
    /// <param name="lapsed">Recently expired or revoked ones, each with its <see cref="ExceptionRule.LapseNote"/>.</param>
    public ExceptionSet(IEnumerable<ExceptionRule> active, DateTimeOffset now, IEnumerable<ExceptionRule>? lapsed = null)
    {
        ArgumentNullException.ThrowIfNull(active);
        Active = active.ToArray();
        Lapsed = lapsed?.ToArray() ?? [];
        Now = now;
    }

    /// <summary>No exceptions, at <paramref name="now"/>.</summary>
    public static ExceptionSet At(DateTimeOffset now) => new([], now);

    /// <summary>The rules that exempt.</summary>
    public IReadOnlyList<ExceptionRule> Active { get; }

    /// <summary>The rules that stopped exempting recently.</summary>
    public IReadOnlyList<ExceptionRule> Lapsed { get; }

    /// <summary>The evaluation's moment.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>
    /// The note for a finding that a lapsed exception used to exempt ("exception expired"), unless an active one
    /// still covers it; null when none did.
    /// </summary>
    public string? LapseNote(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        foreach (var rule in Lapsed)
        {
            if (rule.Covers(finding.PolicyId)
                && rule.Scope.Matches(finding.Namespace, finding.WorkloadKind, finding.WorkloadName, finding.ContainerName, finding.Image))
            {
                return rule.LapseNote;
            }
        }

        return null;
    }
}
