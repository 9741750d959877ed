using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Transport;

/// <summary>
/// The wire format of a <see cref="ClusterSnapshot"/> between the agent and the server: camelCase JSON, enums as
/// strings, gzip-compressed. Computed members (<c>Workload.AllContainers</c>, <c>PodSpec.IsWindows</c>, …) are not
/// written: they would double the payload and are derived again on the other side. Reading is strict: required
/// constructor parameters and non-nullable members must be present and non-null, unknown members are ignored.
/// The metadata is source-generated (<see cref="SnapshotJsonContext"/>): the agent is compiled ahead of time and
/// cannot use reflection-based serialization.
/// </summary>
public static class SnapshotJson
{
    /// <summary>
    /// Deepest JSON nesting read from a pushed snapshot. A snapshot nests about a dozen levels; deeper input is refused
    /// with a <see cref="JsonException"/> by the reader, which does not recurse (stated here rather than left to the default).
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>The serializer options of the wire format.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonTypeInfo<ClusterSnapshot> SnapshotType { get; } = (JsonTypeInfo<ClusterSnapshot>)Options.GetTypeInfo(typeof(ClusterSnapshot));

    /// <summary>Writes the snapshot as gzip JSON to <paramref name="destination"/> (left open).</summary>
    public static async Task WriteGzipAsync(Stream destination, ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        await JsonSerializer.SerializeAsync(gzip, snapshot, SnapshotType, cancellationToken);
    }

    /// <summary>The snapshot as gzip JSON bytes.</summary>
    public static async Task<byte[]> ToGzipAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await WriteGzipAsync(buffer, snapshot, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Reads a snapshot from (uncompressed) JSON; throws <see cref="JsonException"/> when it does not fit the schema.</summary>
    public static async Task<ClusterSnapshot> ReadAsync(Stream json, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync(json, SnapshotType, cancellationToken)
        ?? throw new JsonException("The body is JSON null, not a snapshot.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            MaxDepth = MaxDepth,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = SnapshotJsonContext.Default.WithAddedModifier(SkipComputedMembers),
        };
        options.Converters.Add(new JsonStringEnumConverter<ContainerType>());
        options.MakeReadOnly();
        return options;
    }

    private static void SkipComputedMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var p = info.Properties[i];
            if (p.Set is null && p.AssociatedParameter is null)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}

/// <summary>Source-generated metadata of the snapshot records (options are <see cref="SnapshotJson.Options"/>'s).</summary>
[JsonSerializable(typeof(ClusterSnapshot))]
[JsonSerializable(typeof(KubeObject))] // the collector's records, compared as JSON by the differential tests
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
