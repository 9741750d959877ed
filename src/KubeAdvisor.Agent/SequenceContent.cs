using System.Buffers;
using System.Net;

namespace KubeAdvisor.Agent;

/// <summary>A request body sent from a <see cref="ReadOnlySequence{T}"/> as it is, with its Content-Length.</summary>
internal sealed class SequenceContent(ReadOnlySequence<byte> bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var chunk in bytes)
        {
            await stream.WriteAsync(chunk, cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
