using System.Runtime.CompilerServices;
using System.Text.Json;

namespace KubeAdvisor.Agent.Reports;

/// <summary>
/// Reads the items of a Kubernetes <c>List</c> (<c>{"apiVersion":…,"items":[{…},{…}]}</c>) from a stream one at a
/// time, each as its own JSON bytes, without holding the whole answer: memory is one item (at most
/// <c>maxItemBytes</c>) plus one read buffer, whatever the number of items. An item larger than that, or more than
/// <c>maxItems</c> of them, is an <see cref="InvalidDataException"/>. Only the reader's own state crosses reads
/// (<see cref="Utf8JsonReader"/> with <see cref="JsonReaderState"/>), as for any JSON too large to buffer.
/// </summary>
public static class ListItemStream
{
    private const int ReadChunk = 64 * 1024;

    public static async IAsyncEnumerable<byte[]> ReadAsync(Stream stream, int maxItemBytes, int maxItems, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[maxItemBytes + ReadChunk];
        var (start, end, count) = (0, 0, 0);
        var scan = new Scan(new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 }), false, false, false);
        var items = new List<byte[]>();
        var final = false;
        while (!scan.Done)
        {
            if (start > 0 && (final || buffer.Length - end < ReadChunk))
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                (end, start) = (end - start, 0);
            }

            if (!final)
            {
                if (end == buffer.Length)
                {
                    throw new InvalidDataException($"an item of the list is larger than {maxItemBytes} bytes");
                }

                var n = await stream.ReadAsync(buffer.AsMemory(end), ct);
                end += n;
                final = n == 0;
            }

            var consumed = Read(buffer.AsSpan(start, end - start), final, ref scan, items);
            start += consumed;
            foreach (var item in items)
            {
                if (++count > maxItems)
                {
                    throw new InvalidDataException($"the list has more than {maxItems} items");
                }

                yield return item;
            }

            items.Clear();
            if (final && !scan.Done)
            {
                throw new InvalidDataException("the list ended before its closing brace");
            }
        }
    }

    // Reads every complete token it can; an item (or any other nested value) is taken whole or left for the next read.
    private static int Read(ReadOnlySpan<byte> data, bool final, ref Scan scan, List<byte[]> items)
    {
        var reader = new Utf8JsonReader(data, final, scan.State);
        var consumed = 0;
        while (!scan.Done)
        {
            var before = reader.CurrentState;
            if (!reader.Read())
            {
                break;
            }

            var nested = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                scan = scan with { ItemsNext = reader.ValueTextEquals("items"u8) };
            }
            else if (reader.TokenType == JsonTokenType.StartArray && reader.CurrentDepth == 1 && scan.ItemsNext)
            {
                scan = scan with { InItems = true, ItemsNext = false };
            }
            else if (nested && reader.CurrentDepth >= 1)
            {
                var itemStart = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    scan = scan with { State = before };
                    return consumed;
                }

                if (scan.InItems && reader.CurrentDepth == 2)
                {
                    items.Add(data[itemStart..(int)reader.BytesConsumed].ToArray());
                }
            }
            else if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 1)
            {
                scan = scan with { InItems = false };
            }
            else if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                scan = scan with { Done = true };
            }

            consumed = (int)reader.BytesConsumed;
        }

        scan = scan with { State = reader.CurrentState };
        return consumed;
    }

    private readonly record struct Scan(JsonReaderState State, bool ItemsNext, bool InItems, bool Done);
}
