using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// The openreports.io group of the fake API server, as kube-apiserver serves a CRD: discovery, list (all namespaces or
/// one, <c>labelSelector</c> with <c>key=value</c> terms, metadata only when asked for a PartialObjectMetadataList), get,
/// create, replace, server-side apply (PATCH application/apply-patch+yaml with a fieldManager; JSON bodies only) and
/// delete. 404 for the whole group while the CRDs are not installed, 403 while <see cref="FakeFaults.ForbiddenResource"/>
/// names the resource, 413 above the API server's 3 MiB request limit and 500 above etcd's 1.5 MiB object limit.
/// </summary>
internal sealed class FakeReportsHandler(FakeReportObjects objects, FakeFaults faults)
{
    public const string Prefix = "/apis/openreports.io";
    private const int MaxRequestBytes = 3 * 1024 * 1024;
    private const int MaxObjectBytes = 1536 * 1024;

    public async Task HandleAsync(HttpContext ctx, string path)
    {
        var parts = path[Prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!objects.CrdsInstalled || parts.Length == 0 || parts[0] != "v1alpha1")
        {
            await FakeApiHandler.StatusAsync(ctx, 404, "NotFound", "the server could not find the requested resource");
            return;
        }

        if (parts.Length == 1)
        {
            await DiscoveryAsync(ctx);
            return;
        }

        // v1alpha1/{plural}[/{name}] or v1alpha1/namespaces/{ns}/reports[/{name}]
        var (ns, rest) = parts[1] == "namespaces" && parts.Length >= 4 ? (parts[2], parts[3..]) : ((string?)null, parts[1..]);
        var plural = rest[0];
        var name = rest.Length > 1 ? rest[1] : null;
        if (rest.Length > 2 || plural is not ("reports" or "clusterreports") || (plural == "clusterreports" && ns is not null))
        {
            await FakeApiHandler.StatusAsync(ctx, 404, "NotFound", "the server could not find the requested resource");
            return;
        }

        if (faults.ForbiddenResource == plural)
        {
            var verb = ctx.Request.Method.ToLowerInvariant() switch { "get" => name is null ? "list" : "get", "post" => "create", "put" => "update", var m => m };
            await FakeApiHandler.StatusAsync(ctx, 403, "Forbidden",
                $"{plural}.openreports.io{(name is null ? "" : $" \"{name}\"")} is forbidden: User \"system:serviceaccount:kubeadvisor-agent:kubeadvisor-agent\" cannot {verb} resource \"{plural}\" in API group \"openreports.io\" {(ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"")}");
            return;
        }

        var key = (plural, ns ?? "", name ?? "");
        switch (ctx.Request.Method)
        {
            case "GET" when name is null:
                await ListAsync(ctx, plural, ns);
                return;
            case "GET":
                await AnswerAsync(ctx, objects.Get(plural, ns ?? "", name!), 200, plural, name!);
                return;
            case "DELETE" when name is not null:
                if (objects.Delete(key))
                {
                    await JsonAsync(ctx, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Success" }, 200);
                }
                else
                {
                    await AnswerAsync(ctx, null, 404, plural, name);
                }

                return;
            case "POST" when name is null:
            case "PUT" when name is not null:
            case "PATCH" when name is not null:
                await WriteAsync(ctx, key, plural, ns);
                return;
            default:
                await FakeApiHandler.StatusAsync(ctx, 405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
                return;
        }
    }

    private async Task WriteAsync(HttpContext ctx, (string Plural, string Namespace, string Name) key, string plural, string? ns)
    {
        var method = ctx.Request.Method;
        var mediaType = (ctx.Request.ContentType ?? "").Split(';')[0].Trim();
        if (method == "PATCH" && mediaType != "application/apply-patch+yaml")
        {
            await FakeApiHandler.StatusAsync(ctx, 415, "UnsupportedMediaType", $"the fake server applies only application/apply-patch+yaml, not {mediaType}");
            return;
        }

        if (method == "PATCH" && string.IsNullOrEmpty(ctx.Request.Query["fieldManager"]))
        {
            await FakeApiHandler.StatusAsync(ctx, 400, "BadRequest", "PATCH request with apply content type must have a fieldManager");
            return;
        }

        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        if (buffer.Length > MaxRequestBytes)
        {
            await FakeApiHandler.StatusAsync(ctx, 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
            return;
        }

        JsonObject item;
        try
        {
            item = JsonNode.Parse(buffer.ToArray())?.AsObject() ?? throw new JsonException("null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            await FakeApiHandler.StatusAsync(ctx, 400, "BadRequest", $"the object is not valid JSON: {e.Message}");
            return;
        }

        var name = item["metadata"]?["name"]?.GetValue<string>();
        var kind = plural == "reports" ? "Report" : "ClusterReport";
        var bodyNs = item["metadata"]?["namespace"]?.GetValue<string>();
        if (item["apiVersion"]?.GetValue<string>() != FakeReportObjects.GroupVersion || item["kind"]?.GetValue<string>() != kind
            || string.IsNullOrEmpty(name) || (key.Name.Length > 0 && name != key.Name) || (bodyNs is not null && bodyNs != (ns ?? "")))
        {
            await FakeApiHandler.StatusAsync(ctx, 400, "BadRequest", $"the body must be a {FakeReportObjects.GroupVersion} {kind} whose name and namespace match the URL");
            return;
        }

        if (buffer.Length > MaxObjectBytes)
        {
            await FakeApiHandler.StatusAsync(ctx, 500, "InternalError", "etcdserver: request is too large");
            return;
        }

        key = (plural, ns ?? "", name);
        var (code, stored) = method == "POST" ? objects.Create(key, item) : objects.Replace(key, item, createIfMissing: method == "PATCH");
        await AnswerAsync(ctx, stored, code, plural, name);
    }

    private async Task ListAsync(HttpContext ctx, string plural, string? ns)
    {
        var selector = ctx.Request.Query["labelSelector"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('=', 2)).Select(t => (Key: t[0].Trim(), Value: t.Length > 1 ? t[1].Trim() : null)).ToList();
        var metadataOnly = ctx.Request.Headers.Accept.ToString().Contains("as=PartialObjectMetadataList", StringComparison.Ordinal);
        var items = new JsonArray();
        foreach (var item in objects.List(plural, ns))
        {
            var labels = item["metadata"]?["labels"] as JsonObject;
            if (selector.All(s => labels?[s.Key]?.GetValue<string>() is { } v && (s.Value is null || v == s.Value)))
            {
                items.Add(metadataOnly
                    ? new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "PartialObjectMetadata", ["metadata"] = item["metadata"]!.DeepClone() }
                    : item);
            }
        }

        await JsonAsync(ctx, new JsonObject
        {
            ["apiVersion"] = metadataOnly ? "meta.k8s.io/v1" : FakeReportObjects.GroupVersion,
            ["kind"] = metadataOnly ? "PartialObjectMetadataList" : (plural == "reports" ? "ReportList" : "ClusterReportList"),
            ["metadata"] = new JsonObject { ["resourceVersion"] = objects.Version },
            ["items"] = items,
        }, 200);
    }

    private static Task DiscoveryAsync(HttpContext ctx) => JsonAsync(ctx, new JsonObject
    {
        ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = FakeReportObjects.GroupVersion,
        ["resources"] = new JsonArray(Resource("reports", "Report", true), Resource("clusterreports", "ClusterReport", false)),
    }, 200);

    private static JsonObject Resource(string plural, string kind, bool namespaced) => new()
    {
        ["name"] = plural, ["singularName"] = kind.ToLowerInvariant(), ["namespaced"] = namespaced, ["kind"] = kind,
        ["verbs"] = new JsonArray("delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"),
    };

    private static Task AnswerAsync(HttpContext ctx, JsonObject? item, int code, string plural, string name) => code switch
    {
        _ when item is not null => JsonAsync(ctx, item, code),
        409 when ctx.Request.Method == "POST" => FakeApiHandler.StatusAsync(ctx, 409, "AlreadyExists", $"{plural}.openreports.io \"{name}\" already exists"),
        409 => FakeApiHandler.StatusAsync(ctx, 409, "Conflict",
            $"Operation cannot be fulfilled on {plural}.openreports.io \"{name}\": the object has been modified; please apply your changes to the latest version and try again"),
        _ => FakeApiHandler.StatusAsync(ctx, 404, "NotFound", $"{plural}.openreports.io \"{name}\" not found"),
    };

    private static async Task JsonAsync(HttpContext ctx, JsonObject body, int code)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body), ctx.RequestAborted);
    }
}
