using System.Globalization;

namespace KubeAdvisor.Core.Policies.Efficiency;

/// <summary>
/// A Kubernetes resource quantity (<c>250m</c>, <c>1.5</c>, <c>512Mi</c>, <c>1e3</c>) as a number: cores for CPU,
/// bytes for memory. The suffixes are the API's: m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, and e/E exponents.
/// </summary>
internal static class ResourceQuantity
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        var s = (text ?? "").Trim();
        var end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] is '.' or '+' or '-'))
        {
            end++;
        }

        if (end == 0 || !decimal.TryParse(s.AsSpan(0, end), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = s[end..];
        decimal? factor = suffix switch
        {
            "" => 1m,
            "m" => 0.001m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "P" => 1e15m,
            "E" => 1e18m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
            "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
            _ => Exponent(suffix),
        };
        if (factor is not { } f)
        {
            return false;
        }

        try
        {
            value = number * f;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    // "e3" / "E-2": a decimal exponent within decimal's range.
    private static decimal? Exponent(string suffix)
    {
        if (suffix.Length < 2 || suffix[0] is not ('e' or 'E')
            || !int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            || exponent is < -18 or > 18)
        {
            return null;
        }

        var factor = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            factor *= 10;
        }

        return exponent >= 0 ? factor : 1 / factor;
    }
}
