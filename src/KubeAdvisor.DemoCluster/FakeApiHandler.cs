using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// Answers requests the way kube-apiserver does for the list endpoints the collector uses, and for the openreports.io
/// objects the agent writes (<see cref="FakeReportsHandler"/>).
/// </summary>
internal sealed class FakeApiHandler(FakeObjectStore store, FakeFaults faults, string token, string gitVersion)
{
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly FakeReportsHandler _reports = new(store.Reports, faults);

    public int RequestCount(string plural) => _requests.GetValueOrDefault(plural);

    public async Task HandleAsync(HttpContext ctx)
    {
        var ct = ctx.RequestAborted;
        if (faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(faults.Delay, ct);
        }

        var auth = ctx.Request.Headers.Authorization.ToString();
        if (faults.Unauthorized || auth != "Bearer " + token)
        {
            await StatusAsync(ctx, 401, "Unauthorized", "Unauthorized");
            return;
        }

        var path = (ctx.Request.Path.Value ?? "/").TrimEnd('/');
        var kind = ResourceKind.ByPath(path);
        _requests.AddOrUpdate(kind?.Plural ?? path, 1, (_, n) => n + 1);
        if (faults.TakeServerError())
        {
            await StatusAsync(ctx, 500, "InternalError", "Internal error occurred: fake server fault");
            return;
        }

        if (path == "/version")
        {
            await JsonAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["major"] = "1", ["minor"] = "31", ["gitVersion"] = gitVersion, ["platform"] = "linux/amd64",
            }));
            return;
        }

        if (path.StartsWith(FakeReportsHandler.Prefix, StringComparison.Ordinal))
        {
            await _reports.HandleAsync(ctx, path);
            return;
        }

        if (kind is null || !HttpMethods.IsGet(ctx.Request.Method) || faults.NotServedResource == kind.Plural)
        {
            await StatusAsync(ctx, 404, "NotFound", "the server could not find the requested resource");
            return;
        }

        await ListAsync(ctx, kind);
    }

    private async Task ListAsync(HttpContext ctx, ResourceKind kind)
    {
        if (faults.ForbiddenResource == kind.Plural)
        {
            var group = kind.ApiVersion.Contains('/') ? kind.ApiVersion[..kind.ApiVersion.IndexOf('/')] : "";
            var qualified = group.Length > 0 ? $"{kind.Plural}.{group}" : kind.Plural;
            await StatusAsync(ctx, 403, "Forbidden",
                $"{qualified} is forbidden: User \"system:serviceaccount:kubeadvisor:scanner\" cannot list resource \"{kind.Plural}\" in API group \"{group}\" at the cluster scope");
            return;
        }

        var state = store.Current;
        var limit = int.TryParse(ctx.Request.Query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var offset = 0;
        string continueToken = ctx.Request.Query["continue"].ToString();
        if (continueToken.Length > 0 && (faults.TakeGone() || !ContinueToken.TryRead(continueToken, state.Version, kind.Plural, out offset)))
        {
            await StatusAsync(ctx, 410, "Expired",
                "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            return;
        }

        if (faults.MalformedJsonResource == kind.Plural)
        {
            await JsonAsync(ctx, Encoding.UTF8.GetBytes($"{{\"kind\":\"{kind.Kind}List\",\"items\":[{{\"metadata\":{{\"name\":"));
            return;
        }

        var items = state.Items.GetValueOrDefault(kind.Plural) ?? [];
        var count = (int)Math.Min((long)limit, Math.Max(0, items.Length - offset));
        var next = offset + count < items.Length ? ContinueToken.Write(state.Version, kind.Plural, offset + count) : null;
        var head = $"{{\"kind\":\"{kind.Kind}List\",\"apiVersion\":\"{kind.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{state.Version}\""
            + (next is null ? "" : $",\"continue\":\"{next}\",\"remainingItemCount\":{items.Length - offset - count}")
            + "},\"items\":[";
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        var body = ctx.Response.Body;
        var headBytes = Encoding.UTF8.GetBytes(head);
        await body.WriteAsync(headBytes, ctx.RequestAborted);
        await faults.PaceAsync(headBytes.Length, ctx.RequestAborted);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                await body.WriteAsync(","u8.ToArray(), ctx.RequestAborted);
            }

            await body.WriteAsync(items[offset + i], ctx.RequestAborted);
            await faults.PaceAsync(items[offset + i].Length + 1, ctx.RequestAborted);
            if (faults.DropConnectionResource == kind.Plural && i == count / 2)
            {
                await body.FlushAsync(ctx.RequestAborted);
                ctx.Abort();
                return;
            }
        }

        await body.WriteAsync("]}"u8.ToArray(), ctx.RequestAborted);
    }

    internal static Task StatusAsync(HttpContext ctx, int code, string reason, string message) =>
        JsonAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new Dictionary<string, object>(),
            ["status"] = "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code,
        }), code);

    private static async Task JsonAsync(HttpContext ctx, byte[] json, int code = 200)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(json, ctx.RequestAborted);
    }
}
