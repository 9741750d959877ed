using System.Text.RegularExpressions;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>
/// What deserialization cannot check: list elements and dictionary values are not null, identities are present,
/// the snapshot id is a short, safe key. The JSON reader already refused missing or null members.
/// </summary>
public static partial class SnapshotValidator
{
    public const int MaxSnapshotIdLength = 128;

    /// <summary>Admission decision rows one snapshot may carry (days × namespaces × failed policies since the last push).</summary>
    public const int MaxAdmissionRows = 10_000;

    /// <summary>The largest count of one row (a busy cluster at 200 reviews per second sends about 120,000 per 10 minutes).</summary>
    public const int MaxAdmissionCount = 10_000_000;

    /// <summary>Every problem found (at most 10, with where), empty when the snapshot can be evaluated.</summary>
    public static IReadOnlyList<string> Validate(ClusterSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var errors = new List<string>();
        if (!SafeId().IsMatch(s.SnapshotId))
        {
            errors.Add($"snapshotId must be 1 to {MaxSnapshotIdLength} characters of letters, digits, '.', '_', ':' or '-'.");
        }

        if (s.CollectedAt == default)
        {
            errors.Add("collectedAt is missing.");
        }

        if (s.KubernetesVersion is { Length: > 64 })
        {
            errors.Add("kubernetesVersion is longer than 64 characters.");
        }

        Check(errors, s.Namespaces.All(n => !string.IsNullOrEmpty(n)), "namespaces contains an empty or null entry.");
        Check(errors, s.PodDisruptionBudgets.All(p => p is not null), "podDisruptionBudgets contains null.");
        Check(errors, s.ServiceAccounts.All(a => a is not null && a.Namespace is not null && a.Name is not null),
            "serviceAccounts contains null, or an account without namespace or name.");
        Check(errors, s.NamespaceLabels.All(n => n.Key.Length > 0 && n.Value is not null && NoNullValues(n.Value)),
            "namespaceLabels has an empty namespace, or a null label value.");
        Check(errors, s.HorizontalPodAutoscalers.All(a => a is not null), "horizontalPodAutoscalers contains null.");
        Check(errors, s.NetworkPolicies.All(p => p is not null), "networkPolicies contains null.");
        Check(errors, s.PriorityClasses.All(p => p is not null && p.Name is { Length: > 0 }), "priorityClasses contains null, or a class without a name.");
        CheckObjects(errors, s);
        CheckAdmission(errors, s);
        for (var i = 0; i < s.Workloads.Count && errors.Count < 10; i++)
        {
            var w = s.Workloads[i];
            var where = $"workloads[{i}]";
            if (w is null)
            {
                errors.Add($"{where} is null.");
                continue;
            }

            Check(errors, w.Kind.Length > 0 && w.Name.Length > 0 && w.Namespace.Length > 0, $"{where} needs kind, namespace and name.");
            Check(errors, NoNullValues(w.Labels) && NoNullValues(w.Annotations) && NoNullValues(w.Template.Labels) && NoNullValues(w.Template.Annotations),
                $"{where} has a null label or annotation value.");
            var spec = w.Template.Spec;
            Check(errors, spec.InitContainers.Concat(spec.Containers).Concat(spec.EphemeralContainers).All(c => c is not null && c.Name is not null && c.Image is not null),
                $"{where} has a null container, or one without name or image.");
            Check(errors, w.Running.All(r => r is not null) && spec.Volumes.All(v => v is not null), $"{where} has a null running image or volume.");
        }

        return errors;
    }

    // Decisions are counts the server sums: bounded in number and size, days near the snapshot's, known policies only.
    private static void CheckAdmission(List<string> errors, ClusterSnapshot s)
    {
        var rows = s.AdmissionDecisions;
        if (rows.Count > MaxAdmissionRows)
        {
            errors.Add($"admissionDecisions has {rows.Count} rows; at most {MaxAdmissionRows} are accepted.");
            return;
        }

        var collected = DateOnly.FromDateTime(s.CollectedAt.UtcDateTime);
        for (var i = 0; i < rows.Count && errors.Count < 10; i++)
        {
            var r = rows[i];
            var where = $"admissionDecisions[{i}]";
            if (r is null)
            {
                errors.Add($"{where} is null.");
                continue;
            }

            Check(errors, r.Namespace is { Length: > 0 and <= 63 }, $"{where}.namespace must be 1 to 63 characters.");
            Check(errors, r.Policy is not null && (r.Policy.Length == 0 || Core.Policies.PolicyCatalog.Find(r.Policy) is not null),
                $"{where}.policy must be empty or a policy id.");
            Check(errors, r.Allowed is >= 0 and <= MaxAdmissionCount && r.Warned is >= 0 and <= MaxAdmissionCount && r.Denied is >= 0 and <= MaxAdmissionCount,
                $"{where} has a count below 0 or above {MaxAdmissionCount}.");
            Check(errors, r.Day >= collected.AddDays(-8) && r.Day <= collected.AddDays(1), $"{where}.day is not within the 8 days before the snapshot.");
        }
    }

    private static bool NoNullValues(IReadOnlyDictionary<string, string> d) => d.Values.All(v => v is not null);

    private static void Check(List<string> errors, bool ok, string message)
    {
        if (!ok)
        {
            errors.Add(message);
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]{1,128}$")]
    private static partial Regex SafeId();
}
