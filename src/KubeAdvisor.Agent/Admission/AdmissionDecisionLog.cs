using KubeAdvisor.Core.Admission;
using KubeAdvisor.Kubernetes.Admission;

namespace KubeAdvisor.Agent.Admission;

/// <summary>
/// Counts the webhook's decisions per day, namespace and policy until the next snapshot carries them to the server
/// (<see cref="Drain"/>); counts of a snapshot that was not delivered are put back (<see cref="Restore"/>). Bounded:
/// at most <see cref="MaxRows"/> keys (new keys beyond are dropped and counted in <see cref="Dropped"/>), and days older
/// than a week are not sent (the server refuses them).
/// </summary>
public sealed class AdmissionDecisionLog(TimeProvider time)
{
    public const int MaxRows = 5_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(DateOnly Day, string Namespace, string Policy), (int Allowed, int Warned, int Denied)> _rows = [];

    public long Dropped { get; private set; }

    /// <summary>Counts one judged, non-dry-run review.</summary>
    public void Record(AdmissionVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (!verdict.Judged || verdict.Namespace is not { Length: > 0 and <= 63 } ns)
        {
            return;
        }

        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            var denied = !verdict.Allowed;
            var warned = verdict.Allowed && verdict.Warnings.Count > 0;
            Add((day, ns, ""), denied || warned ? 0 : 1, warned ? 1 : 0, denied ? 1 : 0);
            foreach (var p in verdict.WarnedPolicies)
            {
                Add((day, ns, p), 0, 1, 0);
            }

            foreach (var p in verdict.DeniedPolicies)
            {
                Add((day, ns, p), 0, 0, 1);
            }
        }
    }

    /// <summary>Everything counted so far (of the last 7 days), and an empty log.</summary>
    public IReadOnlyList<AdmissionDecisionCount> Drain()
    {
        var oldest = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-7);
        lock (_gate)
        {
            var rows = _rows.Where(r => r.Key.Day >= oldest)
                .Select(r => new AdmissionDecisionCount(r.Key.Day, r.Key.Namespace, r.Key.Policy, r.Value.Allowed, r.Value.Warned, r.Value.Denied))
                .ToList();
            _rows.Clear();
            return rows;
        }
    }

    /// <summary>Puts back counts whose snapshot was not delivered.</summary>
    public void Restore(IReadOnlyList<AdmissionDecisionCount> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        lock (_gate)
        {
            foreach (var r in rows)
            {
                Add((r.Day, r.Namespace, r.Policy), r.Allowed, r.Warned, r.Denied);
            }
        }
    }

    private void Add((DateOnly, string, string) key, int allowed, int warned, int denied)
    {
        if (_rows.TryGetValue(key, out var c))
        {
            // Saturating: a count never wraps (the server refuses counts above 10 million per row anyway).
            _rows[key] = (Sum(c.Allowed, allowed), Sum(c.Warned, warned), Sum(c.Denied, denied));
        }
        else if (_rows.Count < MaxRows)
        {
            _rows[key] = (allowed, warned, denied);
        }
        else
        {
            Dropped++;
        }
    }

    private static int Sum(int a, int b) => (int)Math.Min(10_000_000L, (long)a + b);
}
