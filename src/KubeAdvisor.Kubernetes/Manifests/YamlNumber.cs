using System.Globalization;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>YAML 1.2 core-schema numbers: those already valid JSON are copied; the others (+1, .5, 0x1F, 0o17) converted.</summary>
internal static class YamlNumber
{
    public static bool IsJsonNumber(string v)
    {
        var i = 0;
        if (i < v.Length && v[i] == '-')
        {
            i++;
        }

        var digits = Digits(v, ref i);
        if (digits == 0 || (digits > 1 && v[i - digits] == '0'))
        {
            return false;
        }

        if (i < v.Length && v[i] == '.')
        {
            i++;
            if (Digits(v, ref i) == 0)
            {
                return false;
            }
        }

        if (i < v.Length && v[i] is 'e' or 'E')
        {
            i++;
            if (i < v.Length && v[i] is '+' or '-')
            {
                i++;
            }

            if (Digits(v, ref i) == 0)
            {
                return false;
            }
        }

        return i == v.Length;
    }

    public static bool TryParse(string v, out decimal value)
    {
        value = 0;
        if (v.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(v.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            value = hex;
            return true;
        }

        if (v.StartsWith("0o", StringComparison.Ordinal) && v.Length > 2 && v.AsSpan(2).IndexOfAnyExcept("01234567") < 0)
        {
            value = Convert.ToInt64(v[2..], 8);
            return true;
        }

        // [-+]? ( . digits | digits ( . digits? )? ) ( [eE] [-+]? digits )?
        var body = v.TrimStart('+', '-');
        if (body.Length == 0 || v.Length - body.Length > 1 || !(char.IsAsciiDigit(body[0]) || (body[0] == '.' && body.Length > 1 && char.IsAsciiDigit(body[1]))))
        {
            return false;
        }

        return body.AsSpan().IndexOfAnyExcept("0123456789.eE+-") < 0
            && decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static int Digits(string v, ref int i)
    {
        var start = i;
        while (i < v.Length && char.IsAsciiDigit(v[i]))
        {
            i++;
        }

        return i - start;
    }
}
