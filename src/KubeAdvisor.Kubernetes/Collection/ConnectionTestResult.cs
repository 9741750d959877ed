namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>What "Test connection" found.</summary>
/// <param name="KubernetesVersion">gitVersion from /version; null when the server could not be reached.</param>
/// <param name="Kinds">Per scanned kind, whether the credentials may list it (empty when /version failed).</param>
/// <param name="Error">Why /version failed, or null.</param>
/// <param name="IsTransient">When <paramref name="Error"/> is set: whether retrying may help.</param>
public sealed record ConnectionTestResult(
    string? KubernetesVersion,
    IReadOnlyList<KindAccess> Kinds,
    string? Error,
    bool IsTransient)
{
    /// <summary>Reached the server and every kind can be listed.</summary>
    public bool Succeeded => Error is null && Kinds.All(k => k.Error is null);

    /// <summary>Every problem, one per line (e.g. "cannot list statefulsets.apps: forbidden"); empty when it succeeded.</summary>
    public IReadOnlyList<string> Problems =>
        Error is not null ? [Error] : Kinds.Where(k => k.Error is not null).Select(k => k.Error!).ToList();
}

/// <summary>One scanned kind in a connection test.</summary>
/// <param name="Resource">The resource as RBAC names it (<c>statefulsets.apps</c>).</param>
/// <param name="Error">Why it cannot be listed, or null.</param>
/// <param name="IsForbidden">The credentials lack list permission (403).</param>
public sealed record KindAccess(string Resource, string? Error, bool IsForbidden);
