namespace KubeAdvisor.Web.Features.Agents;

/// <summary>A snapshot grew past the decompressed size limit while it was being read.</summary>
public sealed class SnapshotTooLargeException(long limit)
    : Exception($"The snapshot is larger than {limit / (1024.0 * 1024):0.#} MB after decompression.")
{
    public long Limit { get; } = limit;
}
