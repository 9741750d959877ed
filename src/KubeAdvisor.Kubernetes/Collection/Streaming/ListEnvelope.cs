using System.Text.Json;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>Receives each list item as one complete JSON object.</summary>
internal delegate void ListItemHandler(ReadOnlySpan<byte> item);

/// <summary>
/// Incremental parser of a list response (<c>{"kind":…,"metadata":{"continue":…},"items":[…]}</c>) fed with
/// whatever part of the body has arrived. It stops at the last token boundary it could handle completely and
/// reports how many bytes it consumed; the caller keeps the rest and feeds it again with more data. An item, or
/// the list metadata, is handed on only once it is complete, so the buffer needs to hold one item at most.
/// </summary>
/// <remarks>
/// The API server writes the list metadata (with the continue token) before the items: <paramref name="onContinue"/>
/// hears the token as soon as it is read, so the caller can ask for the next page while this one is still parsed.
/// </remarks>
internal sealed class ListEnvelope(ListItemHandler onItem, Action<string>? onContinue = null)
{
    private JsonReaderState _state;
    private bool _inItems;

    /// <summary>metadata.continue; null when absent or empty.</summary>
    public string? Continue { get; private set; }

    /// <summary>Items handed on.</summary>
    public int Count { get; private set; }

    /// <summary>The closing brace of the list was read.</summary>
    public bool Complete { get; private set; }

    /// <summary>Parses as much of <paramref name="data"/> as possible; returns the bytes consumed.</summary>
    /// <exception cref="JsonException">The body is not a list response, or it ends early (<paramref name="final"/>).</exception>
    public int Feed(ReadOnlySpan<byte> data, bool final)
    {
        if (Complete)
        {
            // The API server ends the body with a newline; anything else after the list is not JSON.
            return data.Trim(" \t\r\n"u8).IsEmpty ? data.Length : throw new JsonException("Unexpected data after the list response.");
        }

        var r = new Utf8JsonReader(data, final, _state);
        var checkpoint = 0;
        var checkpointState = _state;
        while (!Complete)
        {
            checkpoint = (int)r.BytesConsumed;
            checkpointState = r.CurrentState;
            if (!r.Read() || !Step(ref r, data))
            {
                // Not enough data for the next whole unit: resume from the last boundary.
                _state = checkpointState;
                if (final)
                {
                    throw new JsonException("The list response ended before it was complete.");
                }

                return checkpoint;
            }
        }

        _state = r.CurrentState;
        return (int)r.BytesConsumed;
    }

    /// <summary>Handles one token (and what hangs on it); false when more data is needed.</summary>
    private bool Step(ref Utf8JsonReader r, ReadOnlySpan<byte> data)
    {
        if (_inItems)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.EndArray:
                    _inItems = false;
                    return true;
                case JsonTokenType.StartObject:
                    var start = (int)r.TokenStartIndex;
                    if (!r.TrySkip())
                    {
                        return false;
                    }

                    onItem(data[start..(int)r.BytesConsumed]);
                    Count++;
                    return true;
                default:
                    throw JsonRead.Unexpected(ref r, "a list item object");
            }
        }

        switch (r.TokenType)
        {
            case JsonTokenType.StartObject when r.CurrentDepth == 0:
                return true;
            case JsonTokenType.EndObject when r.CurrentDepth == 0:
                Complete = true;
                return true;
            case JsonTokenType.PropertyName when r.CurrentDepth == 1:
                return Property(ref r, data);
            default:
                throw JsonRead.Unexpected(ref r, "a list response object");
        }
    }

    private bool Property(ref Utf8JsonReader r, ReadOnlySpan<byte> data)
    {
        var items = r.ValueTextEquals("items"u8);
        var metadata = !items && r.ValueTextEquals("metadata"u8);
        if (!r.Read())
        {
            return false;
        }

        if (items && r.TokenType == JsonTokenType.StartArray)
        {
            _inItems = true;
            return true;
        }

        var start = (int)r.TokenStartIndex;
        if (!r.TrySkip())
        {
            return false;
        }

        if (metadata)
        {
            Continue = ContinueOf(data[start..(int)r.BytesConsumed]);
            if (Continue is not null && Count == 0)
            {
                onContinue?.Invoke(Continue);
            }
        }

        return true;
    }

    private static string? ContinueOf(ReadOnlySpan<byte> metadata)
    {
        var r = new Utf8JsonReader(metadata, isFinalBlock: true, default);
        JsonRead.Next(ref r);
        return JsonRead.StringField(ref r, "continue"u8) is { Length: > 0 } next ? next : null;
    }
}
