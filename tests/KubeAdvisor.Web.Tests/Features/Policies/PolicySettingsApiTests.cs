using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Manifests;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Policies;

/// <summary>
/// Settings as code over HTTP: read in JSON and YAML with an entity tag, replace with If-Match (stale → 412, nothing
/// changed), validation and refusals change nothing, the audit entry lists the diff, and the catalog links each policy's docs.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PolicySettingsApiTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;
    private Guid _cluster;
    private string _name = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
        _name = "settings-" + Guid.NewGuid().ToString("N")[..6];
        _cluster = await _api.AddClusterAsync(_name, _fake.Kubeconfig());
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Get_JsonAndYaml_SameSettingsAndTag()
    {
        var json = await _api.Http.GetAsync($"/api/v1/clusters/{_cluster}/policy-settings");
        var yaml = await _api.Http.GetAsync($"/api/v1/clusters/{_cluster}/policy-settings?format=yaml");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal("application/yaml", yaml.Content.Headers.ContentType!.MediaType);
        Assert.Equal(json.Headers.ETag, yaml.Headers.ETag);
        var fromJson = PolicySettingsDocument.Parse(await json.Content.ReadAsStringAsync()).Document!;
        var fromYaml = PolicySettingsDocument.Parse(await yaml.Content.ReadAsStringAsync()).Document!;
        Assert.Equal(_name, fromJson.Cluster);
        Assert.Equal(PolicySettingsJson.Serialize(ClusterPolicySettings.Default), PolicySettingsJson.Serialize(fromJson.Settings));
        Assert.Equal(PolicySettingsJson.Serialize(fromJson.Settings), PolicySettingsJson.Serialize(fromYaml.Settings));
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.Http.GetAsync($"/api/v1/clusters/{_cluster}/policy-settings?format=xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.GetAsync($"/api/v1/clusters/{Guid.NewGuid()}/policy-settings")).StatusCode);
    }

    [Fact]
    public async Task Put_WithCurrentTag_Saves_AuditsTheDiff_ThenTheOldTagIsStale()
    {
        var read = await _api.Http.GetAsync($"/api/v1/clusters/{_cluster}/policy-settings?format=yaml");
        var tag = read.Headers.ETag!.Tag;
        var yaml = (await read.Content.ReadAsStringAsync())
            .Replace("packs: {}", "packs:\n  security: true", StringComparison.Ordinal);

        var saved = await PutAsync(yaml, tag);
        var again = await PutAsync(yaml, saved.Headers.ETag!.Tag);
        var stale = await PutAsync(yaml.Replace("security: true", "security: false", StringComparison.Ordinal), tag);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = JsonNode.Parse(await saved.Content.ReadAsStringAsync())!;
        Assert.True(body["changed"]!.GetValue<bool>());
        Assert.Equal("packs.security: unset -> true", Assert.Single(body["changes"]!.AsArray())!.GetValue<string>());
        Assert.NotEqual(tag, saved.Headers.ETag.Tag);
        Assert.False(JsonNode.Parse(await again.Content.ReadAsStringAsync())!["changed"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.True((await SettingsAsync()).Packs["security"]); // the stale write changed nothing
        await using var db = await Factory.CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.Action == AuditActions.PolicyChanged && a.Target == _name).ToListAsync();
        Assert.Equal("settings replaced: packs.security: unset -> true", Assert.Single(audit).Details);
    }

    [Fact]
    public async Task Put_Invalid_OtherCluster_OrByAnEngineer_ChangesNothing()
    {
        var before = PolicySettingsJson.Serialize(await SettingsAsync());
        var engineer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Engineer));

        var unknown = await PutAsync("kind: PolicySettings\nfloatingTag: [stable]\n");
        var invalid = await PutAsync("excludedNamespaces: [Not A Namespace]\n");
        var other = await PutAsync("cluster: someone-else\npacks: {security: true}\n");
        var huge = await PutAsync("excludedNamespaces:\n" + string.Concat(Enumerable.Repeat("  - a-namespace-name-that-is-long\n", 10_000)));
        var byEngineer = await engineer.PutAsync($"/api/v1/clusters/{_cluster}/policy-settings", new StringContent("packs: {security: true}\n"));
        var missing = await _api.Http.PutAsync($"/api/v1/clusters/{Guid.NewGuid()}/policy-settings", new StringContent("packs: {}\n"));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("floatingTag: unknown field.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Not A Namespace", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("someone-else", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byEngineer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before, PolicySettingsJson.Serialize(await SettingsAsync()));
    }

    [Fact]
    public async Task Catalog_ListsEveryPolicy_WithItsDocsSection()
    {
        var body = JsonNode.Parse(await _api.Http.GetStringAsync("/api/v1/policies"))!;
        var items = body["items"]!.AsArray();
        var docs = await File.ReadAllTextAsync(RepositoryFiles.PathOf(PolicyDocs.DocsPath));

        Assert.Equal(PolicyCatalog.Descriptors.Select(d => d.Id).Order(), items.Select(i => i!["id"]!.GetValue<string>()).Order());
        var tagLatest = items.Single(i => i!["id"]!.GetValue<string>() == "image-tag-latest")!;
        Assert.Equal("docs/policies.md#image-tag-latest-image-uses-the-latest-tag", tagLatest["docs"]!.GetValue<string>());
        Assert.All(PolicyCatalog.Descriptors, d => Assert.Contains($"### `{d.Id}`: {d.Title}\n", docs, StringComparison.Ordinal));
        var floating = items.Single(i => i!["id"]!.GetValue<string>() == "image-tag-floating")!["parameters"]!.AsArray().Single()!;
        Assert.Equal("floatingTags", floating["name"]!.GetValue<string>());
        Assert.Contains("stable", floating["default"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    private IDbContextFactory<KubeAdvisorDbContext> Factory => fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();

    private async Task<HttpResponseMessage> PutAsync(string body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/clusters/{_cluster}/policy-settings")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/yaml"),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await _api.Http.SendAsync(request);
    }

    private async Task<ClusterPolicySettings> SettingsAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        return PolicySettingsJson.Deserialize(await db.Clusters.Where(c => c.Id == _cluster).Select(c => c.PolicySettingsJson).SingleAsync());
    }
}
