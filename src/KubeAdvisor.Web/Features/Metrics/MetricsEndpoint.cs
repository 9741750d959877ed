using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>
/// GET /metrics: the Prometheus text format of <see cref="KubeAdvisorMetrics.Registry"/>. It bypasses the sign-in (a
/// scraper has no cookie) and does its own check: with KUBEADVISOR_METRICS_TOKEN set, only
/// <c>Authorization: Bearer &lt;token&gt;</c> is accepted; a session cookie or an API token is not (they would let any
/// signed-in Viewer or token read the whole fleet's numbers, and a cookie-only check would invite cross-site reads).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, HandleAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task HandleAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.RequiresToken && !Authorized(context.Request.Headers.Authorization.ToString(), options.Token!))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"kubeadvisor-metrics\"";
            return;
        }

        var metrics = context.RequestServices.GetRequiredService<KubeAdvisorMetrics>();
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>
    /// The bearer token equals the configured one, compared in constant time: both sides are hashed first, so neither the
    /// position of the first difference nor the length of the token shows in the time taken.
    /// </summary>
    public static bool Authorized(string? authorization, string token)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
