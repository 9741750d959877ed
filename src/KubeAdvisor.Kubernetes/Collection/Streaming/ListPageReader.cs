using System.Buffers;
using System.Text.Json;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// Streams one list response body through a <see cref="ListEnvelope"/> with a pooled buffer: memory per page is
/// the largest single item (64 KiB at least), not the page, and no body string is ever built.
/// </summary>
internal static class ListPageReader
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>Reads the whole body; returns the continue token (null on the last page) and the item count.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="onItem">Gets every item.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="onContinue">Hears the continue token as soon as it is read, before the items (see <see cref="ListEnvelope"/>).</param>
    /// <exception cref="JsonException">The body is not a complete list response.</exception>
    public static async Task<(string? Continue, int Count)> ReadAsync(Stream body, ListItemHandler onItem, CancellationToken ct, Action<string>? onContinue = null)
    {
        var envelope = new ListEnvelope(onItem, onContinue);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            int start = 0, end = 0;
            while (true)
            {
                if (end == buffer.Length)
                {
                    buffer = Make(buffer, ref start, ref end);
                }

                var read = await body.ReadAsync(buffer.AsMemory(end), ct);
                end += read;
                var final = read == 0;
                start += envelope.Feed(buffer.AsSpan(start, end - start), final);
                if (final)
                {
                    break;
                }

                if (start == end)
                {
                    start = end = 0;
                }
            }

            return (envelope.Continue, envelope.Count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The buffer is full: move the unconsumed tail to the front, or grow when one unit fills all of it.</summary>
    private static byte[] Make(byte[] buffer, ref int start, ref int end)
    {
        var pending = end - start;
        var target = start > 0 ? buffer : ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(start, pending).CopyTo(target);
        if (!ReferenceEquals(target, buffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        start = 0;
        end = pending;
        return target;
    }
}
