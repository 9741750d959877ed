using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Cli.Tests.Support;

/// <summary>The real KubeAdvisor on Kestrel (a real port the CLI's HttpClient reaches) with its own PostgreSQL database.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public KubeAdvisorAppFactory App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public ApiClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync();
        App = new KubeAdvisorAppFactory(Database.ConnectionString);
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Admin = ApiClient.WithToken(new Uri(BaseUrl), KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync()
    {
        Admin.Http.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
