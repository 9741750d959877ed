namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// A ConfigMap, as far as policies read it: which of its keys hold a secret-looking value, and why. Values are judged
/// while the item is read and never kept (decision 0037); a ConfigMap without such keys has an empty list.
/// </summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="SecretLookingKeys">The first <see cref="MaxKeys"/> keys (data, then binaryData, in the order read) whose value looks secret.</param>
public sealed record ConfigMap(string Namespace, string Name, string Uid, IReadOnlyList<SecretLookingKey> SecretLookingKeys)
    : InventoryObject(ObjectKinds.ConfigMap, Namespace, Name, Uid)
{
    /// <summary>Most secret-looking keys kept per ConfigMap; the rest are only counted (<see cref="MoreSecretLookingKeys"/>).</summary>
    public const int MaxKeys = 16;

    /// <summary>Longest key kept (a Kubernetes key is at most 253 characters; a manifest's longer key is cut).</summary>
    public const int MaxKeyLength = 253;

    /// <summary>How many more secret-looking keys the ConfigMap has beyond <see cref="SecretLookingKeys"/>.</summary>
    public int MoreSecretLookingKeys { get; init; }
}
