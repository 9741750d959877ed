namespace KubeAdvisor.Core.Inventory;

/// <summary>What one pod contributes to a workload's running images, before counting.</summary>
internal readonly record struct RunningImageKey(
    string ContainerName,
    ContainerType Type,
    string SpecImage,
    string Revision,
    string Digest);
