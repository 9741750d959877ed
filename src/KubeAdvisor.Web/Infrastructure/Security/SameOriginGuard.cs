using KubeAdvisor.Web.Features.Api;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Antiforgery;

namespace KubeAdvisor.Web.Infrastructure.Security;

/// <summary>
/// Cross-site request forgery guard for every unsafe request (POST, PUT, PATCH, DELETE) that is not made with an API
/// token: a browser sends its Origin (or at least a Referer) with those, and it must be our own host. A request that
/// sends neither passes only to an endpoint that validates an antiforgery token (the account forms). Bearer-token
/// requests carry no ambient credential a foreign page could borrow, so they are exempt.
/// </summary>
public static class SameOriginGuard
{
    public const string RefusalMessage =
        "Cross-site request refused: the Origin of this request is not KubeAdvisor itself. Scripts should use an API token (Authorization: Bearer).";

    public static IApplicationBuilder UseSameOriginGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsUnsafe(context.Request.Method) && ApiTokenAuthenticationHandler.BearerToken(context.Request) is null
                && Verdict(context) is { } refusal)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    await context.Response.WriteAsJsonAsync(new ApiError(refusal));
                }
                else
                {
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync(refusal);
                }

                return;
            }

            await next(context);
        });

    /// <summary>Why the request is refused, or null when it may go on.</summary>
    internal static string? Verdict(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return IsOwnHost(origin, request) ? null : RefusalMessage;
        }

        var referer = request.Headers.Referer.ToString();
        if (referer.Length > 0)
        {
            return IsOwnHost(referer, request) ? null : RefusalMessage;
        }

        var antiforgery = context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>();
        return antiforgery is { RequiresValidation: true }
            ? null // the antiforgery middleware checks the token
            : "Cross-site request refused: send the Origin header (browsers do) or use an API token (Authorization: Bearer).";
    }

    // The authority (host and non-default port), not the scheme: behind a TLS-terminating proxy the request is http while
    // the browser's Origin is https, and the Host header is the proxy's public name either way.
    private static bool IsOwnHost(string url, HttpRequest request) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static bool IsUnsafe(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
