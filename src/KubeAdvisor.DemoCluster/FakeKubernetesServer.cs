using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// A fake Kubernetes API server on 127.0.0.1 (random port) speaking HTTPS with its own throw-away CA, bearer
/// token auth, cluster-wide list endpoints with limit/continue, and switchable <see cref="Faults"/>.
/// Start with <see cref="StartAsync"/>, fill <see cref="Objects"/>, connect with <see cref="Kubeconfig"/>.
/// </summary>
public sealed class FakeKubernetesServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeCertificates _certs;
    private readonly FakeApiHandler _handler;

    private FakeKubernetesServer(
        WebApplication app, FakeCertificates certs, FakeApiHandler handler, string token, FakeObjectStore store, FakeFaults faults)
    {
        _app = app;
        _certs = certs;
        _handler = handler;
        Token = token;
        Objects = store;
        Faults = faults;
    }

    /// <summary>The objects served; replace them between scans.</summary>
    public FakeObjectStore Objects { get; }

    /// <summary>Switchable failures.</summary>
    public FakeFaults Faults { get; }

    /// <summary>The bearer token the server accepts.</summary>
    public string Token { get; }

    /// <summary>https://127.0.0.1:port</summary>
    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1");

    /// <summary>PEM of the CA that signed the server certificate.</summary>
    public string CaCertificatePem => _certs.CaPem;

    /// <summary>How many requests reached a list resource (plural) or path, faults included (not 401s).</summary>
    public int RequestCount(string pluralOrPath) => _handler.RequestCount(pluralOrPath);

    /// <summary>Starts a server with a random token and no objects.</summary>
    public static async Task<FakeKubernetesServer> StartAsync(
        TimeProvider? time = null, string gitVersion = "v1.31.2-fake", CancellationToken cancellationToken = default)
    {
        var certs = FakeCertificates.Create(time ?? TimeProvider.System);
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certs.Server));
            k.Limits.MaxConcurrentConnections = 256;
        });
        var store = new FakeObjectStore();
        var faults = new FakeFaults();
        var handler = new FakeApiHandler(store, faults, token, gitVersion);
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        var server = new FakeKubernetesServer(app, certs, handler, token, store, faults);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>A kubeconfig for this server: inline CA data and the bearer token, one context.</summary>
    public string Kubeconfig(string contextName = "fake")
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(CaCertificatePem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {contextName}
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
                certificate-authority-data: {ca}
            users:
            - name: {contextName}
              user:
                token: {Token}
            contexts:
            - name: {contextName}
              context:
                cluster: {contextName}
                user: {contextName}
            current-context: {contextName}
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certs.Dispose();
    }
}
