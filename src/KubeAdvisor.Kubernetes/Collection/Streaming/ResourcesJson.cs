using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// requests/limits as <c>ContainerMapper.Resources</c> maps them: <see cref="ResourceRequirements.None"/> when both
/// maps are missing or empty (any key counts, e.g. ephemeral-storage), else cpu and memory in canonical form.
/// </summary>
internal static class ResourcesJson
{
    /// <summary>Null when the value is null (pod-level resources keep that distinction).</summary>
    public static ResourceRequirements? Read(ref Utf8JsonReader r, ReadCache cache)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return null;
        }

        var requests = Quantities.Absent;
        var limits = Quantities.Absent;
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("requests"u8))
            {
                JsonRead.Next(ref r);
                requests = Map(ref r, cache);
            }
            else if (r.ValueTextEquals("limits"u8))
            {
                JsonRead.Next(ref r);
                limits = Map(ref r, cache);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return requests.Count == 0 && limits.Count == 0
            ? ResourceRequirements.None
            : cache.Shared(new ResourceRequirements(requests.Cpu, requests.Memory, limits.Cpu, limits.Memory));
    }

    private static Quantities Map(ref Utf8JsonReader r, ReadCache cache)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return Quantities.Absent;
        }

        var result = Quantities.Absent;
        while (JsonRead.NextProperty(ref r))
        {
            var cpu = r.ValueTextEquals("cpu"u8);
            var memory = !cpu && r.ValueTextEquals("memory"u8);
            JsonRead.Next(ref r);
            var value = Quantity(ref r, cache, cpu || memory);
            result = cpu ? result with { Cpu = value } : memory ? result with { Memory = value } : result;
            result = result with { Count = result.Count + 1 };
        }

        return result;
    }

    private static string? Quantity(ref Utf8JsonReader r, ReadCache cache, bool wanted)
    {
        var text = r.TokenType switch
        {
            JsonTokenType.String => r.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(r.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw JsonRead.Unexpected(ref r, "a quantity"),
        };
        if (text is null || !wanted)
        {
            return null;
        }

        try
        {
            return cache.Quantity(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new JsonException($"Invalid quantity '{text}'.", e);
        }
    }

    private readonly record struct Quantities(int Count, string? Cpu, string? Memory)
    {
        public static Quantities Absent => default;
    }
}
