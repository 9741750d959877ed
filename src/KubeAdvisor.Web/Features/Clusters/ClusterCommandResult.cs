namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>Outcome of a cluster change: the id on success, else every reason it was refused (nothing was stored).</summary>
public sealed record ClusterCommandResult(Guid? Id, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;

    public static ClusterCommandResult Ok(Guid id, IReadOnlyList<string>? warnings = null) => new(id, [], warnings ?? []);

    public static ClusterCommandResult Fail(params string[] errors) => new(null, errors, []);

    public static ClusterCommandResult Missing() => new(null, ["No such cluster."], [], NotFound: true);
}
