namespace KubeAdvisor.Core.Images;

/// <summary>The character-level rules of the distribution reference grammar, each returning a reason or null.</summary>
internal static partial class ReferenceGrammar
{
    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsLowerAlphaNumeric(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c);

    /// <summary>Docker's rule: the first component names a registry when it has '.', ':', upper case or is localhost.</summary>
    public static bool LooksLikeRegistry(ReadOnlySpan<char> first)
    {
        if (first.SequenceEqual("localhost"))
        {
            return true;
        }

        foreach (var c in first)
        {
            if (c is '.' or ':' || char.IsAsciiLetterUpper(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>host[:port] where host is a DNS name, an IPv4 address or a bracketed IPv6 address.</summary>
    public static string? CheckRegistry(ReadOnlySpan<char> registry, out int portStart)
    {
        portStart = 0;
        int hostEnd;
        if (registry[0] == '[')
        {
            hostEnd = registry.IndexOf(']') + 1;
            if (hostEnd == 0)
            {
                return $"the IPv6 registry host '{registry.ToString()}' has no closing ']'";
            }

            var address = registry[1..(hostEnd - 1)];
            if (address.IsEmpty || address.ContainsAnyExcept("0123456789abcdefABCDEF:") || !address.Contains(':'))
            {
                return $"'{registry[..hostEnd].ToString()}' is not a valid IPv6 registry host";
            }
        }
        else
        {
            hostEnd = registry.IndexOf(':');
            hostEnd = hostEnd < 0 ? registry.Length : hostEnd;
            var hostError = CheckHostName(registry[..hostEnd]);
            if (hostError is not null)
            {
                return hostError;
            }
        }

        if (hostEnd == registry.Length)
        {
            return null;
        }

        if (registry[hostEnd] != ':')
        {
            return $"unexpected '{registry[hostEnd]}' after the registry host '{registry[..hostEnd].ToString()}'";
        }

        var port = registry[(hostEnd + 1)..];
        if (port.IsEmpty || port.ContainsAnyExceptInRange('0', '9'))
        {
            return $"the registry port '{port.ToString()}' must be digits";
        }

        portStart = hostEnd + 1;
        return null;
    }

    private static string? CheckHostName(ReadOnlySpan<char> host)
    {
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.IsEmpty || label[0] == '-' || label[^1] == '-')
            {
                return $"the registry host '{host.ToString()}' has an empty label or a label starting or ending with '-'";
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return $"the registry host '{host.ToString()}' contains '{c}'";
                }
            }
        }

        return null;
    }

    /// <summary>path-component ('/' path-component)*, each [a-z0-9]+ joined by '.', '_', '__' or '-'+.</summary>
    public static string? CheckPath(ReadOnlySpan<char> path)
    {
        foreach (var range in path.Split('/'))
        {
            var component = path[range];
            if (component.IsEmpty)
            {
                return "the repository path has an empty component (a leading, trailing or double '/')";
            }

            var error = CheckComponent(component);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? CheckComponent(ReadOnlySpan<char> component)
    {
        var i = 0;
        while (i < component.Length)
        {
            var c = component[i];
            if (IsLowerAlphaNumeric(c))
            {
                i++;
                continue;
            }

            if (char.IsAsciiLetterUpper(c))
            {
                return $"the repository name must be lowercase ('{component.ToString()}')";
            }

            if (c is not '.' and not '_' and not '-')
            {
                return $"'{c}' is not allowed in the repository path ('{component.ToString()}')";
            }

            var start = i;
            while (i < component.Length && component[i] is '.' or '_' or '-')
            {
                i++;
            }

            var separator = component[start..i];
            var valid = separator is "." or "_" or "__" || !separator.ContainsAnyExcept('-');
            if (!valid || start == 0 || i == component.Length)
            {
                return $"'{separator.ToString()}' is not a valid separator in '{component.ToString()}' (allowed between letters or digits: '.', '_', '__', '-')";
            }
        }

        return null;
    }

    public static bool IsImageId(ReadOnlySpan<char> path) => path.Length == 64 && !path.ContainsAnyExcept("0123456789abcdef");
}
