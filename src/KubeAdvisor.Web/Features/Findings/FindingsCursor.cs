using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// Where a keyset page ends: the last row's sort key and id, in one of <see cref="FindingsOrder"/>'s orders. Travels as
/// an opaque, URL-safe token (base64url of a small versioned JSON) and is validated strictly on the way in (decision 0017).
/// </summary>
/// <param name="Sort">The order's label (severity, firstSeen, namespace, workload, policy).</param>
/// <param name="Key">severity: the severity as a number; namespace, workload, policy: the text; firstSeen: unused.</param>
/// <param name="At">The row's first seen time (severity and firstSeen orders).</param>
public sealed record FindingsCursor(string Sort, bool Descending, string? Key, DateTimeOffset? At, long Id)
{
    private const int Version = 1;
    private const int MaxTokenLength = 2048;
    private static readonly JsonSerializerOptions Json = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static FindingsCursor After(FindingRow last, string? sort, bool descending) => FindingsOrder.Label(sort) switch
    {
        "severity" => new("severity", descending, ((int)last.Severity).ToString(System.Globalization.CultureInfo.InvariantCulture), last.FirstSeen, last.Id),
        "firstSeen" => new("firstSeen", descending, null, last.FirstSeen, last.Id),
        "namespace" => new("namespace", descending, last.Namespace, null, last.Id),
        "workload" => new("workload", descending, last.WorkloadName, null, last.Id),
        _ => new("policy", descending, last.PolicyId, null, last.Id),
    };

    /// <summary>The severity of a severity-order cursor.</summary>
    public Severity KeySeverity => (Severity)int.Parse(Key!, System.Globalization.CultureInfo.InvariantCulture);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
        new Payload(Version, Sort, Descending, Key, At?.UtcTicks, Id), Json));

    /// <summary>Reads a token; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryDecode(string token, out FindingsCursor? cursor, out string? error)
    {
        cursor = null;
        error = "cursor is not a cursor this API returned (use nextCursor from a previous page as it is).";
        if (token.Length is 0 or > MaxTokenLength)
        {
            return false;
        }

        Payload? p;
        try
        {
            p = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(token), Json);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return false;
        }

        if (p is null)
        {
            return false;
        }

        if (p.V != Version)
        {
            error = $"cursor has version {p.V}; this server reads version {Version} (start again from the first page).";
            return false;
        }

        if (p.I < 1 || !Valid(p))
        {
            return false;
        }

        cursor = new FindingsCursor(p.S, p.D, p.K, p.At is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null, p.I);
        error = null;
        return true;
    }

    private static bool Valid(Payload p) => p.S switch
    {
        "severity" => p.At is { } at && InRange(at) && int.TryParse(p.K, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s)
                      && Enum.IsDefined((Severity)s) && ((int)(Severity)s).ToString(System.Globalization.CultureInfo.InvariantCulture) == p.K,
        "firstSeen" => p.At is { } at && InRange(at) && p.K is null,
        "namespace" or "workload" or "policy" => p.K is not null && p.At is null,
        _ => false,
    };

    private static bool InRange(long ticks) => ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks;

    private sealed record Payload(
        [property: JsonPropertyName("v")] int V,
        [property: JsonPropertyName("s")] string S,
        [property: JsonPropertyName("d")] bool D,
        [property: JsonPropertyName("k")] string? K,
        [property: JsonPropertyName("t")] long? At,
        [property: JsonPropertyName("i")] long I);
}
