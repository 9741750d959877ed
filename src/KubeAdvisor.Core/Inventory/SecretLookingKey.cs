namespace KubeAdvisor.Core.Inventory;

/// <summary>A ConfigMap key whose value looks like a secret: the key and why, never the value (decision 0037).</summary>
/// <param name="Key">The key under data or binaryData (at most <see cref="ConfigMap.MaxKeyLength"/> characters kept).</param>
/// <param name="Reason">Why its value looks like a secret.</param>
public sealed record SecretLookingKey(string Key, SecretLiteralReason Reason);
