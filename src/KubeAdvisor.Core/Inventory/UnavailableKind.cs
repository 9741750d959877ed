namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// A kind the collector could not list because the API server does not serve it (404) or the credentials may not
/// list it (403). Its objects are unknown for this snapshot: the policies that need it are not evaluated and its
/// workloads keep the state an earlier scan stored (decision 0018).
/// </summary>
/// <param name="Resource">The resource as RBAC spells it, e.g. <c>poddisruptionbudgets.policy</c>.</param>
/// <param name="Kind">The kind its objects have, e.g. <c>PodDisruptionBudget</c>.</param>
/// <param name="StatusCode">The HTTP status the list answered: 403 or 404.</param>
public sealed record UnavailableKind(string Resource, string Kind, int StatusCode);
