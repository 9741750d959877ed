using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace KubeAdvisor.Agent.Tests.Support;

/// <summary>
/// A reverse proxy in front of KubeAdvisor on a port chosen before it starts (so the agent first finds nothing there).
/// It forwards every request, but answers the first one with 502 after forwarding it: the response is "lost".
/// </summary>
public sealed class LossyProxy(int port, string target) : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requests;

    public string Url => $"http://127.0.0.1:{port}";

    public int Requests => Volatile.Read(ref _requests);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        var http = new HttpClient { BaseAddress = new Uri(target) };
        _app.Run(async ctx => await ForwardAsync(ctx, http));
        await _app.StartAsync();
    }

    private async Task ForwardAsync(HttpContext ctx, HttpClient http)
    {
        var n = Interlocked.Increment(ref _requests);
        using var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body);
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), ctx.Request.Path + ctx.Request.QueryString)
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var (name, values) in ctx.Request.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()) && name != "Content-Length")
            {
                request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        request.Headers.Host = null;
        using var response = await http.SendAsync(request);
        if (n == 1)
        {
            ctx.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        ctx.Response.StatusCode = (int)response.StatusCode;
        await response.Content.CopyToAsync(ctx.Response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
