namespace KubeAdvisor.Core.Inventory;

/// <summary>A PodDisruptionBudget and its selector.</summary>
public sealed record PodDisruptionBudget(
    string Namespace,
    string Name,
    LabelSelector Selector)
{
    /// <summary>
    /// spec.selector is null. In policy/v1 a null selector selects no pods, while an empty one (<c>{}</c>) selects
    /// every pod of the namespace; <see cref="Selector"/> is empty in both cases, this tells them apart.
    /// </summary>
    public bool SelectsNothing { get; init; }

    /// <summary>spec.minAvailable as written (an integer or a percentage such as <c>50%</c>); null when unset.</summary>
    public string? MinAvailable { get; init; }

    /// <summary>spec.maxUnavailable as written (an integer or a percentage); null when unset.</summary>
    public string? MaxUnavailable { get; init; }

    /// <summary>True when this budget applies to pods with <paramref name="labels"/> (namespace is the caller's concern).</summary>
    public bool Selects(IReadOnlyDictionary<string, string> labels) => !SelectsNothing && Selector.Matches(labels);
}
