namespace KubeAdvisor.Web.Features.Policies;

/// <summary>Outcome of a policy settings change: saved, or the problems (validation, role, missing cluster) in words.</summary>
public sealed record PolicyChangeResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static PolicyChangeResult Ok { get; } = new(true, []);

    public static PolicyChangeResult Fail(params string[] errors) => new(false, errors);
}
