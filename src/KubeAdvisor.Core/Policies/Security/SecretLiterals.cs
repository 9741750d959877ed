using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Security;

/// <summary>
/// The secret-literal detector of container-env-secret-literal and configmap-secret-literal: a literal value that is a
/// secret by its name (PASSWORD, TOKEN, API_KEY, …) or by its shape (private key, AWS key id, GitHub/Slack token,
/// password in a URL). It judges spans, so a ConfigMap's value can be judged without ever becoming a string.
/// </summary>
public static class SecretLiterals
{
    // Whole words of the variable name (split on '_', '-', '.'); compared case-insensitively.
    private static readonly string[] SecretWords =
        ["PASSWORD", "PASSWD", "PWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS", "PRIVATEKEY"];

    // Two-word names: API_KEY, ACCESS_KEY, PRIVATE_KEY, SECRET_KEY, AUTH_KEY, SIGNING_KEY, ENCRYPTION_KEY.
    private static readonly string[] KeyPrefixes = ["API", "ACCESS", "PRIVATE", "SECRET", "AUTH", "SIGNING", "ENCRYPTION", "MASTER"];

    // A last word that makes the value a pointer or a setting about the secret, not the secret itself.
    private static readonly string[] HarmlessLastWords =
    [
        "FILE", "PATH", "DIR", "NAME", "URL", "URI", "ENDPOINT", "HOST", "PORT", "TTL", "TIMEOUT", "EXPIRY", "EXPIRES",
        "LENGTH", "SIZE", "ENABLED", "DISABLED", "ID", "USER", "USERNAME", "REF", "KEYREF", "TYPE", "HEADER", "ALGORITHM", "REGION",
        "AUDIENCE", "ISSUER", "SCOPE", "SCOPES", "MODE", "VERSION", "LIFETIME", "DURATION", "ROTATION",
    ];

    private static readonly string[] TokenPrefixes = ["ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "sk_live_"];

    /// <summary>Why the pair looks like a secret, as a sentence for a finding; null when it does not.</summary>
    internal static string? Reason(string name, string value) => Classify(name, value) is { } reason ? Describe(reason) : null;

    /// <summary>Why the pair (an env variable, a ConfigMap key) looks like a secret, or null when it does not.</summary>
    /// <param name="name">The variable's name or the key.</param>
    /// <param name="value">The literal value; only read, never kept.</param>
    public static SecretLiteralReason? Classify(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        var v = value.Trim();
        if (v.Length == 0 || IsReferenceOrSetting(v))
        {
            return null;
        }

        if (LooksLikeSecretValue(v))
        {
            return SecretLiteralReason.Value;
        }

        return HasSecretName(name) ? SecretLiteralReason.Name : null;
    }

    /// <summary>The reason as findings word it: "its name says it holds a secret", "its value has the shape of a credential".</summary>
    public static string Describe(SecretLiteralReason reason) => reason == SecretLiteralReason.Value
        ? "its value has the shape of a credential"
        : "its name says it holds a secret";

    private static bool IsReferenceOrSetting(ReadOnlySpan<char> v) =>
        (v.StartsWith("$(") && v.EndsWith(")")) // dependent variable expansion: the secret lives elsewhere
        || v[0] == '/'                          // a path to a mounted secret
        || v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikeSecretValue(ReadOnlySpan<char> v)
    {
        // A PEM armour line; some tools write fewer than five dashes (---BEGIN OPENSSH PRIVATE KEY---).
        if (v.Contains("PRIVATE KEY-----", StringComparison.Ordinal)
            || (v.Contains("PRIVATE KEY-", StringComparison.Ordinal)
                && (v.Contains("-BEGIN ", StringComparison.Ordinal) || v.Contains("-END ", StringComparison.Ordinal))))
        {
            return true;
        }

        if (v.Length == 20 && (v.StartsWith("AKIA") || v.StartsWith("ASIA")) && IsUpperAlnum(v))
        {
            return true;
        }

        foreach (var prefix in TokenPrefixes)
        {
            if (v.StartsWith(prefix, StringComparison.Ordinal) && v.Length >= prefix.Length + 16)
            {
                return true;
            }
        }

        // scheme://user:password@host — a password in a connection URL.
        var scheme = v.IndexOf("://");
        if (scheme > 0)
        {
            var rest = v[(scheme + 3)..];
            var at = rest.IndexOf('@');
            var colon = rest.IndexOf(':');
            var slash = rest.IndexOf('/');
            if (at > 0 && colon >= 0 && colon < at - 1 && (slash < 0 || at < slash))
            {
                return true;
            }
        }

        return v.Contains("password=", StringComparison.OrdinalIgnoreCase) || v.Contains("pwd=", StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasSecretName(ReadOnlySpan<char> span)
    {
        Span<Range> parts = stackalloc Range[16];
        var count = span.SplitAny(parts, "_-.");
        if (count == 0 || IsAny(span[parts[count - 1]], HarmlessLastWords) || span is "PWD")
        {
            return false; // PWD (upper case) is the shell's working directory
        }

        for (var i = 0; i < count; i++)
        {
            var word = span[parts[i]];
            if (IsAny(word, SecretWords)
                || (word.Equals("KEY", StringComparison.OrdinalIgnoreCase) && i > 0 && IsAny(span[parts[i - 1]], KeyPrefixes)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAny(ReadOnlySpan<char> word, string[] candidates)
    {
        foreach (var c in candidates)
        {
            if (word.Equals(c, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUpperAlnum(ReadOnlySpan<char> v)
    {
        foreach (var c in v)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
