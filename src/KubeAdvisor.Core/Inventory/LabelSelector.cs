namespace KubeAdvisor.Core.Inventory;

/// <summary>A Kubernetes label selector (matchLabels AND every matchExpression).</summary>
public sealed record LabelSelector(
    IReadOnlyDictionary<string, string> MatchLabels,
    IReadOnlyList<LabelSelectorRequirement> MatchExpressions);

/// <summary>One matchExpressions entry: operator In, NotIn, Exists or DoesNotExist.</summary>
public sealed record LabelSelectorRequirement(string Key, string Operator, IReadOnlyList<string> Values);
