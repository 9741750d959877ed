namespace KubeAdvisor.Core.Policies;

/// <summary>
/// What a policy says about one subject, without allocating unless it fails. Not-applicable results are not
/// checks at all (e.g. the tag policies on an invalid reference, later probes on init containers).
/// </summary>
public readonly struct CheckResult
{
    private readonly byte _kind; // 0 not applicable, 1 pass, 2 fail, 3 exempt

    private CheckResult(byte kind, string? message)
    {
        _kind = kind;
        Message = message;
    }

    /// <summary>The policy holds.</summary>
    public static CheckResult Pass => new(1, null);

    /// <summary>The question does not apply to this subject; nothing is counted.</summary>
    public static CheckResult NotApplicable => default;

    /// <summary>Exempt by a policy parameter (e.g. a registry exempt from digest pinning); counted as skip.</summary>
    public static CheckResult Exempt => new(3, null);

    /// <summary>The policy is violated; <paramref name="message"/> names the problem precisely.</summary>
    public static CheckResult Fail(string message) => new(2, message);

    /// <summary>False for <see cref="NotApplicable"/>.</summary>
    public bool Applies => _kind != 0;

    /// <summary>Pass, Fail or Skip (exempt); Pass for a not-applicable result (check <see cref="Applies"/>).</summary>
    public CheckOutcome Outcome => _kind switch
    {
        2 => CheckOutcome.Fail,
        3 => CheckOutcome.Skip,
        _ => CheckOutcome.Pass,
    };

    /// <summary>The failure message; null otherwise.</summary>
    public string? Message { get; }
}
