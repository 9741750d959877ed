using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>One evaluation: state shared across workloads (image cache, counters) lives here, not in the static API.</summary>
internal sealed partial class EvaluationRun(
    ClusterSnapshot snapshot, ClusterPolicySettings settings, PlannedPolicy[] plan, DigestHistory history, ExceptionSet exceptions, PolicyParameters? parameters = null)
{
    private readonly PolicyParameters _parameters = parameters ?? PolicyParameters.From(settings);
    private readonly HashSet<string> _excluded = new(settings.ExcludedNamespaces, StringComparer.Ordinal);
    private readonly Dictionary<string, ImageEntry> _images = new(StringComparer.Ordinal);
    private readonly List<Finding> _findings = [];
    private readonly Workload[] _ordered = Ordered(snapshot.Workloads);
    private readonly int[] _passed = new int[plan.Length];
    private readonly int[] _failed = new int[plan.Length];
    private readonly int[] _exempt = new int[plan.Length];
    private readonly bool[] _workloadExempt = new bool[plan.Length];

    // The exceptions that match the current workload: for each policy, the first one that covers every check of it
    // (null when none) and those narrowed to some containers. Empty for nearly every workload.
    private readonly ExceptionRule?[] _workloadRule = new ExceptionRule?[plan.Length];
    private readonly List<(int Policy, ExceptionRule Rule)> _containerRules = [];
    private readonly Dictionary<string, int> _hits = new(StringComparer.Ordinal);

    public EvaluationResult Execute()
    {
        var tallies = new TallyList(_ordered, _objects, plan);
        for (var w = 0; w < _ordered.Length; w++)
        {
            EvaluateWorkload(_ordered[w], w, tallies);
        }

        EvaluateObjects(tallies);

        tallies.Trim();
        return new EvaluationResult(_findings, tallies) { ExceptionHits = _hits };
    }

    private static Workload[] Ordered(IReadOnlyList<Workload> workloads)
    {
        var ordered = workloads.ToArray();
        Array.Sort(ordered, static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Namespace, b.Namespace);
            c = c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
            c = c != 0 ? c : string.CompareOrdinal(a.Kind, b.Kind);
            return c != 0 ? c : string.CompareOrdinal(a.Uid, b.Uid);
        });
        return ordered;
    }

    private void EvaluateWorkload(Workload workload, int index, TallyList tallies)
    {
        var namespaceExcluded = _excluded.Contains(workload.Namespace);
        var annotation = ExemptAnnotation.Of(workload, settings.ExemptAnnotations, exceptions.Now);
        for (var i = 0; i < plan.Length; i++)
        {
            _passed[i] = _failed[i] = _exempt[i] = 0;
            _workloadExempt[i] = namespaceExcluded || (annotation?.Exempts(plan[i].Id) ?? false);
            _workloadRule[i] = null;
        }

        MatchExceptions(workload);
        var workloadContext = new WorkloadContext(workload, snapshot, _parameters);
        for (var i = 0; i < plan.Length; i++)
        {
            if (plan[i].Workload is { } policy)
            {
                var result = policy.Evaluate(in workloadContext);
                if (Count(i, result, _workloadExempt[i], _workloadRule[i]))
                {
                    AddFinding(i, result, workload.Uid, workload.Kind, workload.Namespace, workload.Name, null, null);
                }
            }
        }

        var spec = workload.Template.Spec;
        EvaluateContainers(workload, spec.InitContainers);
        EvaluateContainers(workload, spec.Containers);
        EvaluateContainers(workload, spec.EphemeralContainers);

        for (var i = 0; i < plan.Length; i++)
        {
            if (_passed[i] + _failed[i] + _exempt[i] > 0)
            {
                tallies.Add(index, i, _passed[i], _failed[i], _exempt[i]);
            }
        }
    }

    private void EvaluateContainers(Workload workload, IReadOnlyList<Container> containers)
    {
        for (var c = 0; c < containers.Count; c++)
        {
            var container = containers[c];
            var imageText = container.Image ?? string.Empty;
            if (!_images.TryGetValue(imageText, out var entry))
            {
                entry = new ImageEntry(imageText, plan);
                _images.Add(imageText, entry);
            }

            var context = new ContainerContext(workload, container, entry.Image, _parameters) { History = history };
            for (var i = 0; i < plan.Length; i++)
            {
                if (plan[i].Container is { } policy)
                {
                    var rule = _workloadRule[i] ?? ContainerRule(i, container, entry);
                    var result = policy.Evaluate(in context);
                    if (Count(i, result, _workloadExempt[i] || entry.IsExempt(i), rule))
                    {
                        AddFinding(i, result, workload.Uid, workload.Kind, workload.Namespace, workload.Name, container, imageText);
                    }
                }
            }
        }
    }

    private void MatchExceptions(Workload workload)
    {
        _containerRules.Clear();
        if (exceptions.Active.Count == 0)
        {
            return;
        }

        foreach (var rule in exceptions.Active)
        {
            if (!rule.Scope.MatchesWorkload(workload))
            {
                continue;
            }

            for (var i = 0; i < plan.Length; i++)
            {
                if (!rule.Covers(plan[i].Id))
                {
                    continue;
                }

                if (rule.Scope.IsContainerScoped)
                {
                    _containerRules.Add((i, rule));
                }
                else
                {
                    _workloadRule[i] ??= rule;
                }
            }
        }
    }

    private ExceptionRule? ContainerRule(int policy, Container container, ImageEntry entry)
    {
        foreach (var (index, rule) in _containerRules)
        {
            if (index == policy && rule.Scope.MatchesContainer(container.Name, entry.Image))
            {
                return rule;
            }
        }

        return null;
    }

    // Counts one check; true when it failed (the caller then adds its finding).
    private bool Count(int index, CheckResult result, bool exempt, ExceptionRule? rule)
    {
        if (!result.Applies)
        {
            return false;
        }

        if (rule is not null)
        {
            // Counted whatever else exempts the check too, so an exception's count says what it covers.
            _hits[rule.Id] = _hits.GetValueOrDefault(rule.Id) + 1;
            exempt = true;
        }

        if (exempt || result.Outcome == CheckOutcome.Skip)
        {
            _exempt[index]++;
            return false;
        }

        if (result.Outcome == CheckOutcome.Pass)
        {
            _passed[index]++;
            return false;
        }

        _failed[index]++;
        return true;
    }

    private void AddFinding(int index, CheckResult result, string uid, string kind, string ns, string name, Container? container, string? image)
    {
        var planned = plan[index];
        _findings.Add(new Finding(uid, kind, ns, name, container?.Name, container?.Type, image, planned.Id, planned.Severity,
            result.Message ?? planned.Id, planned.Remediation));
    }
}
