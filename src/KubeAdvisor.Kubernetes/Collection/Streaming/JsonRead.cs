using System.Text.Json;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// Small typed reads over a <see cref="Utf8JsonReader"/> positioned on a value. A type mismatch is a
/// <see cref="JsonException"/> (a malformed response), never an <see cref="InvalidOperationException"/>, so the
/// error classifier words it as KubernetesClient's typed path did.
/// </summary>
internal static class JsonRead
{
    /// <summary>Moves to the next token; the data is complete, so running out is malformed JSON.</summary>
    public static void Next(ref Utf8JsonReader r)
    {
        if (!r.Read())
        {
            throw new JsonException("Unexpected end of JSON.");
        }
    }

    /// <summary>True on an object (reader on StartObject), false on null; anything else is malformed.</summary>
    public static bool IsObject(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw Unexpected(ref r, "an object"),
    };

    /// <summary>True on an array (reader on StartArray), false on null.</summary>
    public static bool IsArray(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.StartArray => true,
        JsonTokenType.Null => false,
        _ => throw Unexpected(ref r, "an array"),
    };

    /// <summary>Inside an object: moves to the next property name (true) or to its end (false).</summary>
    public static bool NextProperty(ref Utf8JsonReader r)
    {
        Next(ref r);
        return r.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Inside an array: moves to the next element (true) or to its end (false).</summary>
    public static bool NextElement(ref Utf8JsonReader r)
    {
        Next(ref r);
        return r.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>On a property name: skips its value.</summary>
    public static void SkipValue(ref Utf8JsonReader r)
    {
        Next(ref r);
        r.Skip();
    }

    public static string? String(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.String => r.GetString(),
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref r, "a string"),
    };

    public static bool? Bool(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref r, "a boolean"),
    };

    public static int? Int(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.Number when r.TryGetInt32(out var v) => v,
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref r, "a 32-bit integer"),
    };

    public static long? Long(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.Number when r.TryGetInt64(out var v) => v,
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref r, "a 64-bit integer"),
    };

    /// <summary>A string array (elements may be null, as in the typed models); null when the value is null.</summary>
    public static List<string>? StringList(ref Utf8JsonReader r)
    {
        if (!IsArray(ref r))
        {
            return null;
        }

        var list = new List<string>();
        while (NextElement(ref r))
        {
            list.Add(String(ref r)!);
        }

        return list;
    }

    /// <summary>One string field of an object value (null when the object or the field is missing).</summary>
    public static string? StringField(ref Utf8JsonReader r, ReadOnlySpan<byte> field)
    {
        string? value = null;
        if (!IsObject(ref r))
        {
            return value;
        }

        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals(field))
            {
                Next(ref r);
                value = String(ref r);
            }
            else
            {
                SkipValue(ref r);
            }
        }

        return value;
    }

    public static JsonException Unexpected(ref Utf8JsonReader r, string expected) =>
        new($"Expected {expected} but found {r.TokenType} at byte {r.TokenStartIndex}.");
}
