using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// Every route the app maps outside /api has a decided access rule, read from the endpoint's own metadata
/// (<c>[Authorize(Policy = …)]</c>, <c>[AllowAnonymous]</c>, or the CanView fallback). A new page or endpoint fails this
/// test until someone writes down who may reach it. API operations: <see cref="ApiRoleMatrixTests"/>; the answers
/// that pages give each role over HTTP: <see cref="RoleMatrixTests"/>.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class EndpointInventoryTests(WebAppFixture fx)
{
    private const string Anonymous = "anonymous";

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["/"] = AuthPolicies.CanView,
        ["/clusters"] = AuthPolicies.CanView,
        ["/clusters/{Id:guid}"] = AuthPolicies.CanView,
        ["/clusters/{ClusterId:guid}/namespaces/{Namespace}"] = AuthPolicies.CanView,
        ["/clusters/{ClusterId:guid}/cluster-scoped"] = AuthPolicies.CanView,
        ["/clusters/{ClusterId:guid}/workloads/{WorkloadId:guid}"] = AuthPolicies.CanView,
        ["/violations"] = AuthPolicies.CanView,
        ["/compliance"] = AuthPolicies.CanView,
        ["/clusters/{ClusterId:guid}/compliance"] = AuthPolicies.CanView,
        ["/policies"] = AuthPolicies.CanView,
        ["/exceptions"] = AuthPolicies.CanView,
        ["/teams"] = AuthPolicies.CanView,
        ["/teams/{Id:guid}"] = AuthPolicies.CanView,
        ["/settings"] = AuthPolicies.CanView,
        ["/account/password"] = AuthPolicies.CanView,
        ["/account/logout"] = AuthPolicies.CanView,
        ["/openapi/{documentName}.json"] = AuthPolicies.CanView,
        ["/violations/export.csv"] = AuthPolicies.CanOperate,
        ["/exceptions/new"] = AuthPolicies.CanOperate,
        ["/clusters/new"] = AuthPolicies.CanAdminister,
        ["/clusters/new/agent"] = AuthPolicies.CanAdminister,
        ["/clusters/{Id:guid}/settings"] = AuthPolicies.CanAdminister,
        ["/clusters/{ClusterId:guid}/agent"] = AuthPolicies.CanAdminister,
        ["/settings/users"] = AuthPolicies.CanAdminister,
        ["/settings/audit"] = AuthPolicies.CanAdminister,
        ["/settings/tokens"] = AuthPolicies.CanAdminister,
        ["/settings/teams"] = AuthPolicies.CanAdminister,
        ["/settings/notifications"] = AuthPolicies.CanAdminister,
        ["/account/login"] = Anonymous,
        ["/account/login/oidc"] = Anonymous, // starts single sign-on (a redirect to the provider); the callback is the handler's, not an endpoint
        ["/healthz"] = Anonymous,
        ["/readyz"] = Anonymous,
        ["/metrics"] = Anonymous, // no sign-in: its own bearer check (KUBEADVISOR_METRICS_TOKEN), MetricsTests
        ["/error"] = Anonymous,
        ["/{**path:file}"] = AuthPolicies.CanView, // the fallback for file-like paths no static asset matched: behind sign-in
    };

    [Fact]
    public void EveryMappedRoute_HasTheDecidedAccessRule()
    {
        var endpoints = fx.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Endpoint: e))
            .Where(e => !e.Pattern.StartsWith("/api/", StringComparison.Ordinal) // ApiRoleMatrixTests, from the OpenAPI document
                && !e.Pattern.StartsWith("/_", StringComparison.Ordinal) // Blazor's own (_blazor hub, _framework)
                && !e.Pattern.StartsWith("/hangfire", StringComparison.Ordinal) // the dashboard: CanAdminister, RoleMatrixTests
                && !IsFingerprintedAsset(e.Pattern))
            .ToList();

        Assert.True(endpoints.Count > 20, $"{endpoints.Count} routes");
        var problems = new List<string>();
        foreach (var (pattern, endpoint) in endpoints)
        {
            var actual = AccessOf(endpoint);
            if (!Expected.TryGetValue(pattern, out var expected))
            {
                problems.Add($"{pattern}: no decision ({actual} today)");
            }
            else if (actual != expected)
            {
                problems.Add($"{pattern} ({endpoint.DisplayName}): {actual}, expected {expected}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    // Anonymous, or the strongest policy named on the endpoint; without any, the fallback policy (CanView) applies.
    private static string AccessOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Anonymous;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
        return policies.Contains(AuthPolicies.CanAdminister) ? AuthPolicies.CanAdminister
            : policies.Contains(AuthPolicies.CanOperate) ? AuthPolicies.CanOperate
            : AuthPolicies.CanView;
    }

    // MapStaticAssets maps each file of wwwroot under its own route (app.css, favicon, fingerprinted copies).
    private static bool IsFingerprintedAsset(string pattern) =>
        !pattern.Contains('{', StringComparison.Ordinal) && Path.HasExtension(pattern) && pattern != "/violations/export.csv";
}
