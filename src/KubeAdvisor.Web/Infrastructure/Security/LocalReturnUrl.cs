namespace KubeAdvisor.Web.Infrastructure.Security;

/// <summary>Where a sign-in may send the browser afterwards: local paths only (an open redirect would make phishing easy).</summary>
public static class LocalReturnUrl
{
    /// <summary><paramref name="url"/> when it is a local path, else "/".</summary>
    public static string Sanitize(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
