using System.Security.Claims;
using System.Text;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;
using KubeAdvisor.Web.Features.Policies;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.Net.Http.Headers;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// Policy settings as code (docs/gitops.md): the catalog (every role), a cluster's settings as a
/// <see cref="PolicySettingsDocument"/> in JSON or YAML (every role; the CLI's <c>--server</c> reads them), and the
/// whole-settings replace (Admin), validated like the Policies page, audited with a diff, and guarded by the
/// settings' entity tag: <c>If-Match</c> with a stale tag answers 412 and changes nothing.
/// </summary>
public static class PolicySettingsApi
{
    private const string YamlType = "application/yaml";

    /// <summary>One policy of the catalog as the API lists it.</summary>
    public sealed record PolicyItem(
        string Id, string Title, string Pack, string Category, string DefaultSeverity, bool DefaultEnabled, bool EnabledWithPack,
        string Description, string Rationale, string Remediation, string Docs, IReadOnlyList<string> RequiredKinds,
        IReadOnlyList<ParameterItem> Parameters);

    /// <summary>A cluster-wide list a policy reads, with its default entries.</summary>
    public sealed record ParameterItem(string Name, string Label, string Help, IReadOnlyList<string> Default);

    public static RouteGroupBuilder MapPolicySettingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/policies", () => Results.Ok(new { packs = PolicyPacks.Names, items = Catalog }));
        api.MapGet("/clusters/{id:guid}/policy-settings", ReadAsync);

        // No Accepts(...): the body is read as UTF-8 JSON or YAML (one reader takes both) whatever it is labelled.
        api.MapPut("/clusters/{id:guid}/policy-settings", ReplaceAsync).RequireAuthorization(AuthPolicies.CanAdminister);
        return api;
    }

    private static IReadOnlyList<PolicyItem> Catalog { get; } = PolicyPacks.Listed.Select(d => new PolicyItem(
        d.Id, d.Title, d.Pack, d.Category, d.DefaultSeverity.ToString().ToLowerInvariant(), d.DefaultEnabled, d.EnabledWithPack,
        d.Description, d.Rationale, d.Remediation, $"{PolicyDocs.DocsPath}#{PolicyDocs.Anchor(d)}", d.RequiredKinds,
        d.Parameters.Select(p => new ParameterItem(p.Name, p.Label, p.Help, p.Get(ClusterPolicySettings.Default))).ToList())).ToList();

    private static async Task<IResult> ReadAsync(Guid id, string? format, HttpContext http, PolicyQueries queries, CancellationToken ct)
    {
        if (Format(format, http.Request.Headers.Accept.ToString()) is not { } yaml)
        {
            return ApiEndpoints.BadRequest("format must be json or yaml.");
        }

        if (await queries.FindAsync(id, ct) is not { } found)
        {
            return ApiEndpoints.NotFound("cluster");
        }

        http.Response.Headers.ETag = found.ETag;
        var document = new PolicySettingsDocument(found.Cluster.Settings, found.Cluster.Name);
        return yaml
            ? Results.Text(document.ToYaml(), YamlType + "; charset=utf-8")
            : Results.Text(document.ToJsonText(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> ReplaceAsync(Guid id, HttpContext http, ClaimsPrincipal user, PolicySettingsEditor editor, CancellationToken ct)
    {
        var max = PolicySettingsDocument.Limits.MaxBytes;
        var body = await BoundedBody.ReadAsync(http.Request, max, ct);
        if (body is null)
        {
            return ApiEndpoints.BadRequest($"The settings document is larger than {max / 1024} KiB.");
        }

        var parsed = PolicySettingsDocument.Parse(Encoding.UTF8.GetString(body).TrimStart('\uFEFF'));
        if (parsed.Document is null)
        {
            return Results.BadRequest(new ApiError("The settings document is not valid; nothing was changed.", parsed.Errors));
        }

        var ifMatch = http.Request.Headers[HeaderNames.IfMatch].ToString();
        var result = await editor.ReplaceAsync(user, id, parsed.Document, ifMatch.Length == 0 ? null : ifMatch, ct);
        if (result.ETag is not null)
        {
            http.Response.Headers.ETag = result.ETag;
        }

        return result.Status switch
        {
            SettingsReplaceStatus.Saved or SettingsReplaceStatus.Unchanged =>
                Results.Ok(new { changed = result.Status == SettingsReplaceStatus.Saved, changes = result.Changes, etag = result.ETag }),
            SettingsReplaceStatus.NotFound => ApiEndpoints.NotFound("cluster"),
            SettingsReplaceStatus.Forbidden => Results.Json(new ApiError(result.Errors[0]), statusCode: StatusCodes.Status403Forbidden),
            SettingsReplaceStatus.PreconditionFailed => Results.Json(new ApiError(result.Errors[0]), statusCode: StatusCodes.Status412PreconditionFailed),
            _ => Results.BadRequest(new ApiError("The settings are not valid; nothing was changed.", result.Errors)),
        };
    }

    // ?format= wins; otherwise YAML when the client accepts YAML and not JSON first. Null: an unknown format.
    private static bool? Format(string? format, string accept) => format?.ToLowerInvariant() switch
    {
        null or "" => accept.Contains("yaml", StringComparison.OrdinalIgnoreCase)
            && !accept.StartsWith("application/json", StringComparison.OrdinalIgnoreCase),
        "yaml" or "yml" => true,
        "json" => false,
        _ => null,
    };
}
