using System.IO.Compression;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Transport;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>Reads a pushed gzip JSON snapshot within the size limit.</summary>
public static class AgentPayload
{
    /// <summary>
    /// First only counts the decompressed bytes (constant memory, whatever the content: 100 MB of zeros is refused
    /// as too large, not parsed), then deserializes — still counting, in case of a bug in the first pass.
    /// </summary>
    /// <exception cref="SnapshotTooLargeException">More than <paramref name="maxBytes"/> after decompression.</exception>
    /// <exception cref="InvalidDataException">Not gzip.</exception>
    /// <exception cref="System.Text.Json.JsonException">Not a snapshot.</exception>
    public static async Task<ClusterSnapshot> DecodeAsync(byte[] gzip, long maxBytes, CancellationToken ct)
    {
        await using (var counting = Open(gzip, maxBytes))
        {
            await counting.CopyToAsync(Stream.Null, ct);
        }

        await using var json = Open(gzip, maxBytes);
        return await SnapshotJson.ReadAsync(json, ct);
    }

    public static bool LooksGzipped(byte[] body) => body.Length >= 2 && body[0] == 0x1f && body[1] == 0x8b;

    private static LimitedReadStream Open(byte[] gzip, long maxBytes) =>
        new(new GZipStream(new MemoryStream(gzip, writable: false), CompressionMode.Decompress), maxBytes);
}
