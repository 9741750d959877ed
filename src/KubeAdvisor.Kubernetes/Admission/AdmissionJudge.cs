using System.Text.Json;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Collection.Streaming;

namespace KubeAdvisor.Kubernetes.Admission;

/// <summary>
/// Judges one AdmissionReview with one cluster's <see cref="AdmissionConfig"/>: the object is read by the collector's
/// item reader of its kind (<see cref="ScannedKind"/>) into an <see cref="InventoryBuilder"/>, and the one workload it
/// becomes is evaluated by <see cref="PolicyEvaluator"/> with the cluster's settings and exceptions, as a scan would.
/// Only the policies that judge the object by itself run (<see cref="Policies"/>): those that need other objects or
/// running state (<see cref="NotJudged"/>) cannot be answered from one request. Thread-safe; one per configuration.
/// </summary>
public sealed class AdmissionJudge
{
    private static readonly HashSet<string> JudgedKinds =
        new(["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"], StringComparer.Ordinal);

    // Resolved once per configuration (the agent builds one judge per pulled version), not per review: the enabled
    // policies with their severities, exemptions and parameters, and the exceptions as evaluator rules.
    private readonly PolicyPlan _plan;
    private readonly (DateTimeOffset ExpiresAt, ExceptionRule Rule)[] _rules;
    private readonly HashSet<string> _excluded;

    public AdmissionJudge(AdmissionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        _plan = new PolicyPlan(config.Settings, Policies);
        _rules = [.. config.Exceptions.Select(e => (e.ExpiresAt, e.ToRule()))];
        _excluded = new HashSet<string>(config.Settings.ExcludedNamespaces, StringComparer.Ordinal);
    }

    /// <summary>
    /// The policies judged at admission: every catalog policy that needs no kind besides the object itself
    /// (<see cref="PolicyDescriptor.RequiredKinds"/> empty). Enabled ones run, with the cluster's severities.
    /// </summary>
    public static IReadOnlyList<IPolicy> Policies { get; } = PolicyCatalog.All.Where(p => p.Descriptor.RequiredKinds.Count == 0).ToArray();

    /// <summary>
    /// Policies never judged at admission: those that need other objects (PodDisruptionBudgets, autoscalers,
    /// NetworkPolicies, ServiceAccounts) or what runs (ReplicaSets and Jobs with their pods: replica drift, tag moved).
    /// </summary>
    public static IReadOnlyList<string> NotJudged { get; } =
        PolicyCatalog.Descriptors.Where(d => d.RequiredKinds.Count > 0).Select(d => d.Id).ToArray();

    public AdmissionConfig Config { get; }

    /// <summary>The ids of the policies this judge runs (enabled by <see cref="Config"/> and judged at admission), in order.</summary>
    public IReadOnlyList<string> PlannedPolicies => _plan.PolicyIds;

    /// <summary>The answer to <paramref name="request"/> at <paramref name="now"/> (exception end dates are compared with it).</summary>
    public AdmissionVerdict Judge(AdmissionReviewRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ns = request.Namespace;
        if (Config.Mode == AdmissionMode.Off)
        {
            return AdmissionVerdict.Skipped(ns, "admission mode is off");
        }

        if (request.Object is not { } obj || request.Operation is not ("CREATE" or "UPDATE"))
        {
            return AdmissionVerdict.Skipped(ns, "only CREATE and UPDATE are judged");
        }

        var kind = ScannedKind.Of(AdmissionReviewRequest.Text(obj, "apiVersion"), AdmissionReviewRequest.Text(obj, "kind"));
        if (kind is null || !JudgedKinds.Contains(kind.Kind))
        {
            return AdmissionVerdict.Skipped(ns, "not a judged kind");
        }

        var workload = Read(kind, obj, ns, request.Name, now);
        if (workload is null || !workload.AllContainers.Any())
        {
            // A ReplicaSet of a Deployment, a Job of a CronJob or a pod of a controller: the inventory attributes it to its
            // owner, whose template was judged when the owner was admitted.
            return AdmissionVerdict.Skipped(ns, "judged at its controller");
        }

        if (_excluded.Contains(workload.Namespace))
        {
            return AdmissionVerdict.Skipped(workload.Namespace, "excluded namespace");
        }

        var findings = Evaluate(workload, now);
        if (findings.Count == 0)
        {
            return new AdmissionVerdict(true, true, [], null, [], [], workload.Namespace, "");
        }

        // An UPDATE is refused only for what it makes worse: a check that already failed before the change warns, so a
        // restart or a label change of a workload admitted earlier is never blocked.
        var before = request.Operation == "UPDATE" && request.OldObject is { } old && Read(kind, old, ns, request.Name, now) is { } previous
            ? Evaluate(previous, now).Select(Key).ToHashSet()
            : [];
        var deny = findings.Where(f => Config.Mode == AdmissionMode.Deny && f.Severity >= Config.MinSeverity && !before.Contains(Key(f))).ToList();
        var warn = findings.Where(f => !deny.Contains(f)).ToList();
        var warnings = warn.Take(AdmissionText.MaxWarnings).Select(AdmissionText.Warning).ToList();
        if (warn.Count > AdmissionText.MaxWarnings)
        {
            warnings.Add(AdmissionText.More(warn.Count - AdmissionText.MaxWarnings));
        }

        var message = deny.Count == 0 ? null : AdmissionText.Refusal(workload.Kind, workload.Namespace, workload.Name, Config.MinSeverity, deny);
        return new AdmissionVerdict(true, deny.Count == 0, warnings, message,
            Distinct(warn), Distinct(deny), workload.Namespace, "");
    }

    private IReadOnlyList<Finding> Evaluate(Workload workload, DateTimeOffset now)
    {
        var snapshot = new ClusterSnapshot("admission", now, null, [workload.Namespace], [workload], []);
        var exceptions = _rules.Length == 0 ? ExceptionSet.At(now) : new ExceptionSet(_rules.Where(r => r.ExpiresAt > now).Select(r => r.Rule), now);
        return _plan.Evaluate(snapshot, DigestHistory.Empty, exceptions).Findings;
    }

    private static Workload? Read(ScannedKind kind, JsonElement obj, string ns, string name, DateTimeOffset now)
    {
        var builder = new InventoryBuilder();
        kind.ReadItem(builder, new ReadCache(), AdmissionReviewRequest.Raw(obj));
        var workloads = builder.Build("admission", now, null).Workloads;
        if (workloads.Count != 1)
        {
            return null;
        }

        // On CREATE the object's namespace (read as "default" when absent) and a generated name may be missing: the request
        // names the namespace the object is created in, and the name when it has one.
        var w = workloads[0];
        return w with { Namespace = ns.Length > 0 ? ns : w.Namespace, Name = w.Name.Length > 0 ? w.Name : name };
    }

    private static (string Policy, string? Container) Key(Finding f) => (f.PolicyId, f.ContainerName);

    private static string[] Distinct(List<Finding> findings) => findings.Select(f => f.PolicyId).Distinct(StringComparer.Ordinal).ToArray();
}
