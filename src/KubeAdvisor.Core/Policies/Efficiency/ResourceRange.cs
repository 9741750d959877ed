namespace KubeAdvisor.Core.Policies.Efficiency;

/// <summary>
/// One entry of the <c>resourceRanges</c> parameter: <c>&lt;resource&gt;=&lt;min&gt;..&lt;max&gt;</c> with resource one of
/// <c>cpu-request</c>, <c>cpu-limit</c>, <c>memory-request</c>, <c>memory-limit</c>, and either bound optional
/// (<c>memory-limit=..64Gi</c>).
/// </summary>
internal sealed record ResourceRange(string Resource, string? MinText, decimal? Min, string? MaxText, decimal? Max)
{
    public static readonly string[] Resources = ["cpu-request", "cpu-limit", "memory-request", "memory-limit"];

    /// <summary>The parsed entry, or null with the reason it is invalid.</summary>
    public static (ResourceRange? Range, string? Error) Parse(string? entry)
    {
        var text = (entry ?? "").Trim();
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (eq <= 0 || dots < eq)
        {
            return (null, "write it as resource=min..max, e.g. memory-limit=16Mi..64Gi");
        }

        var resource = text[..eq].Trim();
        if (!Resources.Contains(resource, StringComparer.Ordinal))
        {
            return (null, $"the resource must be one of {string.Join(", ", Resources)}");
        }

        var minText = text[(eq + 1)..dots].Trim();
        var maxText = text[(dots + 2)..].Trim();
        decimal? min = null, max = null;
        if (minText.Length > 0)
        {
            if (!ResourceQuantity.TryParse(minText, out var value) || value < 0)
            {
                return (null, $"'{minText}' is not a quantity");
            }

            min = value;
        }

        if (maxText.Length > 0)
        {
            if (!ResourceQuantity.TryParse(maxText, out var value) || value < 0)
            {
                return (null, $"'{maxText}' is not a quantity");
            }

            max = value;
        }

        if (min is null && max is null)
        {
            return (null, "give a minimum, a maximum or both");
        }

        return min > max
            ? (null, "the minimum is above the maximum")
            : (new ResourceRange(resource, minText.Length > 0 ? minText : null, min, maxText.Length > 0 ? maxText : null, max), null);
    }
}
