using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Cli;

/// <summary>
/// A finished scan: the findings with their source lines in a fixed order (file, line, namespace, kind, name,
/// container, policy), the checks per object × policy (JUnit), the policies that were enabled (SARIF rules) and counts.
/// </summary>
internal sealed class ScanOutcome
{
    public ScanOutcome(ClusterSnapshot snapshot, EvaluationResult result, IReadOnlyList<ManifestObject> objects, ClusterPolicySettings settings, int files)
    {
        var byUid = new Dictionary<string, ManifestObject>(StringComparer.Ordinal);
        var byName = new Dictionary<(string, string, string), ManifestObject>();
        foreach (var o in objects)
        {
            if (o.Uid is not null)
            {
                byUid.TryAdd(o.Uid, o);
            }

            byName.TryAdd((o.Kind, string.IsNullOrEmpty(o.Namespace) ? "default" : o.Namespace, o.Name ?? ""), o);
        }

        // A cluster-scoped object (namespace "") was keyed as a manifest without a namespace is.
        ManifestObject? Source(string uid, string kind, string ns, string name) =>
            byUid.GetValueOrDefault(uid) ?? byName.GetValueOrDefault((kind, ns.Length == 0 ? "default" : ns, name));

        Findings = result.Findings
            .Select(f => Source(f.WorkloadUid, f.WorkloadKind, f.Namespace, f.WorkloadName) is { } o
                ? new LocatedFinding(f, o.File, f.ContainerType is { } type ? o.ImageLine(type, f.ContainerName) ?? o.Line : o.Line)
                : new LocatedFinding(f, "", 0))
            .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line)
            .ThenBy(f => f.Finding.Namespace, StringComparer.Ordinal).ThenBy(f => f.Finding.WorkloadKind, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.WorkloadName, StringComparer.Ordinal).ThenBy(f => f.Finding.ContainerName, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.PolicyId, StringComparer.Ordinal).ThenBy(f => f.Finding.Message, StringComparer.Ordinal)
            .ToList();

        // The subjects of checks: workloads and the objects that are not workloads (decision 0033).
        var subjects = snapshot.Workloads.Select(w => (Uid: w.Uid, w.Kind, w.Namespace, w.Name))
            .Concat(snapshot.Objects.Select(o => (Uid: o.Key, o.Kind, o.Namespace, o.Name)))
            .ToDictionary(w => w.Uid, StringComparer.Ordinal);
        Checks = result.Tallies
            .Where(t => t.Total > 0 && subjects.ContainsKey(t.WorkloadUid))
            .Select(t =>
            {
                var w = subjects[t.WorkloadUid];
                var o = Source(w.Uid, w.Kind, w.Namespace, w.Name);
                return new ObjectCheck(o?.File ?? "", o?.Line ?? 0, w.Namespace, w.Kind, w.Name, w.Uid, t);
            })
            .OrderBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Line).ThenBy(c => c.Namespace, StringComparer.Ordinal)
            .ThenBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Tally.PolicyId, StringComparer.Ordinal)
            .ToList();
        Rules = PolicyCatalog.Descriptors.Where(settings.IsEnabled).ToList();
        Settings = settings;
        Objects = objects.Count;
        Workloads = snapshot.Workloads.Count;
        Files = files;
    }

    public IReadOnlyList<LocatedFinding> Findings { get; }

    public IReadOnlyList<ObjectCheck> Checks { get; }

    /// <summary>The enabled policies, by id.</summary>
    public IReadOnlyList<PolicyDescriptor> Rules { get; }

    public ClusterPolicySettings Settings { get; }

    public int Objects { get; }

    public int Workloads { get; }

    public int Files { get; }

    /// <summary>Findings at or above the threshold (none when it is null).</summary>
    public int Failing(Severity? threshold) => threshold is { } t ? Findings.Count(f => f.Finding.Severity >= t) : 0;

    /// <summary>One object × policy: its tally and where the object is.</summary>
    internal sealed record ObjectCheck(string File, int Line, string Namespace, string Kind, string Name, string Uid, CheckTally Tally);
}
