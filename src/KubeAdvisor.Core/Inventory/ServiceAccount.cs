namespace KubeAdvisor.Core.Inventory;

/// <summary>A ServiceAccount, as far as policies read it: whether it turns the token automount off for its pods.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="AutomountServiceAccountToken">Its automountServiceAccountToken; null when unset (true).</param>
public sealed record ServiceAccount(string Namespace, string Name, bool? AutomountServiceAccountToken);
