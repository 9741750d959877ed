using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Agent.Tests.Support;

/// <summary>The real KubeAdvisor on Kestrel (a real port the agent's HttpClient reaches) with its own PostgreSQL database.</summary>
public sealed class AgentServerFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public KubeAdvisorAppFactory App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public ApiClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync();
        // No minimum time between pushes: the Reports tests push twice in a row.
        App = new KubeAdvisorAppFactory(Database.ConnectionString, new Dictionary<string, string?> { ["AGENT_MIN_PUSH_SECONDS"] = "0" });
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Admin = new ApiClient(new HttpClient { BaseAddress = new Uri(BaseUrl) });
        Admin.Http.DefaultRequestHeaders.Authorization = new("Bearer", KubeAdvisorAppFactory.BootstrapToken);
    }

    /// <summary>A new agent connection (a cluster named <paramref name="prefix"/>-xxxxxxxx) and its token.</summary>
    public async Task<(Guid ClusterId, string Token)> ConnectAgentAsync(string prefix)
    {
        var response = await Admin.Http.PostAsJsonAsync("/api/v1/agent/connections", new { name = prefix + "-" + Guid.NewGuid().ToString("N")[..8] });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (body["clusterId"]!.GetValue<Guid>(), body["token"]!.GetValue<string>());
    }

    public async Task DisposeAsync()
    {
        Admin.Http.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AgentServerCollection : ICollectionFixture<AgentServerFixture>
{
    public const string Name = "agent server";
}
