namespace KubeAdvisor.Web.Infrastructure.Security;

/// <summary>
/// Headers on every response, pages, API and /hangfire alike: no MIME sniffing, no framing, a referrer only to
/// ourselves, HSTS when cookies are Secure, and a Content-Security-Policy the Blazor pages work with.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// For the app's own pages. Blazor Server needs its WebSocket ('self' covers ws/wss of the same host) and MudBlazor
    /// writes style attributes, hence 'unsafe-inline' for styles only; no inline or eval'd script runs.
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The Hangfire dashboard writes inline scripts, so it gets only the framing and plug-in rules.</summary>
    public const string HangfirePolicy = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool secureCookies) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire") ? HangfirePolicy : PagePolicy;
                if (secureCookies)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
