using System.Buffers;
using System.Text;
using System.Text.Json;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies.Security;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// A ConfigMap (v1) read only to judge the shape of its values (decision 0037): each data and binaryData value is
/// unescaped (binaryData also base64-decoded) into a pooled buffer, judged by <see cref="SecretLiterals"/>, and the
/// buffer is cleared before the next value. No value becomes a string; a key becomes one only when its value looks secret.
/// </summary>
internal static class ConfigMapJson
{
    public static ConfigMap Read(ReadOnlySpan<byte> json, ReadCache cache)
    {
        var r = ObjectJson.Begin(json);
        var meta = MetaJson.None;
        var found = new Found();
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                JsonRead.Next(ref r);
                meta = MetaJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("data"u8) || r.ValueTextEquals("binaryData"u8))
            {
                var binary = r.ValueTextEquals("binaryData"u8);
                JsonRead.Next(ref r);
                JudgeEntries(ref r, binary, found);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new ConfigMap(meta.NamespaceOrDefault, meta.Name ?? "", meta.Uid ?? "", found.Keys ?? [])
        {
            MoreSecretLookingKeys = found.More,
        };
    }

    private static void JudgeEntries(ref Utf8JsonReader r, bool binary, Found found)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return;
        }

        while (JsonRead.NextProperty(ref r))
        {
            var key = Unescaped(ref r, out var keyLength);
            try
            {
                JsonRead.Next(ref r);
                if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    r.Skip(); // not a ConfigMap value; the API server would not store it
                    continue;
                }

                if (Judge(ref r, key.AsSpan(0, keyLength), binary) is { } reason)
                {
                    found.Add(key.AsSpan(0, Math.Min(keyLength, ConfigMap.MaxKeyLength)).ToString(), reason);
                }
            }
            finally
            {
                ArrayPool<char>.Shared.Return(key, clearArray: true);
            }
        }
    }

    // The value under the reader (a string; a number or boolean as a manifest may write one), judged in pooled buffers.
    private static SecretLiteralReason? Judge(ref Utf8JsonReader r, ReadOnlySpan<char> key, bool binary)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = r.TokenType == JsonTokenType.String ? Unescaped(ref r, out var length) : Raw(r.ValueSpan, out length);
        try
        {
            return binary ? JudgeBase64(key, text.AsSpan(0, length)) : SecretLiterals.Classify(key, text.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text, clearArray: true);
        }
    }

    // binaryData: the decoded bytes as UTF-8 text (bytes that are not text become U+FFFD and cannot look like a key).
    private static SecretLiteralReason? JudgeBase64(ReadOnlySpan<char> key, ReadOnlySpan<char> base64)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, base64.Length * 3 / 4 + 3));
        char[]? text = null;
        try
        {
            if (!Convert.TryFromBase64Chars(base64, bytes, out var written))
            {
                return SecretLiterals.Classify(key, "?"); // not base64 (the API server would refuse it): judge the key alone
            }

            text = ArrayPool<char>.Shared.Rent(Math.Max(1, written));
            var chars = Encoding.UTF8.GetChars(bytes.AsSpan(0, written), text);
            return SecretLiterals.Classify(key, text.AsSpan(0, chars));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes, clearArray: true);
            if (text is not null)
            {
                ArrayPool<char>.Shared.Return(text, clearArray: true);
            }
        }
    }

    // The current string token (a property name or a value) unescaped into a pooled buffer: UTF-8 has at least as many
    // bytes as UTF-16 has chars, so the escaped length bounds it.
    private static char[] Unescaped(ref Utf8JsonReader r, out int length)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, r.ValueSpan.Length));
        length = r.CopyString(buffer);
        return buffer;
    }

    private static char[] Raw(ReadOnlySpan<byte> token, out int length)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, token.Length));
        length = Encoding.UTF8.GetChars(token, buffer);
        return buffer;
    }

    // The secret-looking keys of one ConfigMap: the first MaxKeys kept, the rest counted.
    private sealed class Found
    {
        public List<SecretLookingKey>? Keys { get; private set; }

        public int More { get; private set; }

        public void Add(string key, SecretLiteralReason reason)
        {
            if ((Keys?.Count ?? 0) < ConfigMap.MaxKeys)
            {
                (Keys ??= []).Add(new SecretLookingKey(key, reason));
            }
            else
            {
                More++;
            }
        }
    }
}
