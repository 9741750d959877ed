namespace KubeAdvisor.Core.Inventory;

/// <summary>A Kubernetes label selector (matchLabels AND every matchExpression).</summary>
public sealed record LabelSelector(
    IReadOnlyDictionary<string, string> MatchLabels,
    IReadOnlyList<LabelSelectorRequirement> MatchExpressions)
{
    /// <summary>
    /// True when <paramref name="labels"/> satisfy every matchLabels pair and every matchExpression, as
    /// metav1.LabelSelectorAsSelector does: an empty selector matches everything; an unknown operator matches nothing.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (key, value) in MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        for (var i = 0; i < MatchExpressions.Count; i++)
        {
            if (!MatchExpressions[i].Matches(labels))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One matchExpressions entry: operator In, NotIn, Exists or DoesNotExist.</summary>
public sealed record LabelSelectorRequirement(string Key, string Operator, IReadOnlyList<string> Values)
{
    /// <summary>
    /// In: the label exists with one of the values. NotIn: the label is absent or has none of the values.
    /// Exists / DoesNotExist: the key is present / absent. Operators are case-sensitive, as in the API.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            "In" => present && Values.Contains(value!, StringComparer.Ordinal),
            "NotIn" => !present || !Values.Contains(value!, StringComparer.Ordinal),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => false,
        };
    }
}
