using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>Maps one complete list item of a kind into the builder.</summary>
internal delegate void ItemReader(InventoryBuilder builder, ReadCache cache, ReadOnlySpan<byte> item);
