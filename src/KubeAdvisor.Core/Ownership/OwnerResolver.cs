namespace KubeAdvisor.Core.Ownership;

/// <summary>Resolves the owner of workloads with an ordered list of rules: the first rule that matches names the team; none = unowned.</summary>
public sealed class OwnerResolver(IReadOnlyList<OwnershipRule> rules)
{
    /// <summary>The owning team's id, or null when no rule matches (unowned).</summary>
    public string? OwnerOf(OwnedObject target)
    {
        foreach (var rule in rules)
        {
            if (rule.Matches(target))
            {
                return rule.Team;
            }
        }

        return null;
    }
}
