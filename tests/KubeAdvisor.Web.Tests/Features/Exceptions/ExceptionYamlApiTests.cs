using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Agents;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Exceptions;

/// <summary>
/// GET /api/v1/exceptions/export and POST /api/v1/exceptions/import: the round trip on one server changes nothing, a
/// changed or missing exception is applied, and a file with any bad entry changes nothing at all. Every exception
/// here belongs to a cluster the test made (the database is shared by the collection).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ExceptionYamlApiTests(WebAppFixture fx)
{
    private HttpClient Admin => ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken).Http;

    [Fact]
    public async Task ExportThenImport_OnTheSameServer_ChangesNothing_AndARevokedOneComesBack()
    {
        var (cluster, name) = await ClusterAsync();
        var latest = await CreateAsync(cluster, "image-tag-latest");
        var missing = await CreateAsync(cluster, "image-tag-missing");
        var pending = await Admin.PostAsJsonAsync("/api/v1/exceptions", ExceptionApiTests.Request(cluster, approve: false, reason: "pending-not-exported"));
        Assert.Equal(HttpStatusCode.Created, pending.StatusCode);

        var export = await Admin.GetAsync("/api/v1/exceptions/export");
        var yaml = await export.Content.ReadAsStringAsync();
        var before = await CountAsync();
        var (same, sameBody) = await ImportAsync(Admin, yaml);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(ExceptionYaml.ContentType, export.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"cluster: {name}", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("pending-not-exported", yaml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        var entries = sameBody["entries"]!.AsArray();
        Assert.Equal((0, entries.Count), (Number(sameBody, "created"), Number(sameBody, "unchanged")));
        Assert.Contains(entries, e => e!["id"]!.GetValue<Guid>() == latest && e["status"]!.GetValue<string>() == "unchanged");
        Assert.Contains(entries, e => e!["id"]!.GetValue<Guid>() == missing);
        Assert.Equal(before, await CountAsync());

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"/api/v1/exceptions/{latest}/revoke", null)).StatusCode);
        var (again, againBody) = await ImportAsync(Admin, yaml);
        var (third, thirdBody) = await ImportAsync(Admin, yaml);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((1, entries.Count - 1), (Number(againBody, "created"), Number(againBody, "unchanged")));
        var recreated = againBody["entries"]!.AsArray().Single(e => e!["status"]!.GetValue<string>() == "created")!["id"]!.GetValue<Guid>();
        var view = JsonNode.Parse(await Admin.GetStringAsync($"/api/v1/exceptions/{recreated}"))!;
        Assert.Equal(("approved", ExceptionImporter.ImportComment, cluster), (view["status"]!.GetValue<string>(), view["decisionComment"]!.GetValue<string>(),
            view["clusterId"]!.GetValue<Guid>()));
        Assert.Equal(["image-tag-latest"], view["policies"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(AuditActions.ExceptionsImported, await AuditActionsAsync(recreated));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(0, Number(thirdBody, "created"));
    }

    [Fact]
    public async Task Import_AChangedEntry_CreatesOnlyThatOne()
    {
        var (cluster, name) = await ClusterAsync();
        var end = DateTime.UtcNow.Date.AddDays(20);
        string File(DateTime secondEnds) => $"""
            apiVersion: kubeadvisor.io/v1
            kind: ExceptionList
            exceptions:
            - cluster: {name}
              namespace: shop
              policies: [image-tag-latest]
              reason: the vendor pins it
              expiresAt: {end:yyyy-MM-dd}
            - cluster: {name}
              kind: CronJob
              name: backup-*
              policies: [image-tag-missing, image-tag-latest]
              reason: upstream chart
              ticketUrl: https://tickets.example.com/OPS-9
              expiresAt: {secondEnds:yyyy-MM-dd}T12:00:00Z
            """;

        var (created, createdBody) = await ImportAsync(Admin, File(end));
        var (changed, changedBody) = await ImportAsync(Admin, File(end.AddDays(7)));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal((2, 0), (Number(createdBody, "created"), Number(createdBody, "unchanged")));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal((1, 1), (Number(changedBody, "created"), Number(changedBody, "unchanged")));
        Assert.Equal(["unchanged", "created"], changedBody["entries"]!.AsArray().Select(e => e!["status"]!.GetValue<string>()));
        Assert.Equal(3L, await CountAsync(cluster)); // the old end is not revoked: an import only adds
    }

    [Fact]
    public async Task Import_OneBadEntryAmongGoodOnes_400WithItsIndex_AndNothingIsCreated()
    {
        var (cluster, name) = await ClusterAsync();
        var end = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd");
        var yaml = $$"""
            apiVersion: kubeadvisor.io/v1
            kind: ExceptionList
            exceptions:
            - {cluster: {{name}}, policies: [image-tag-latest], reason: good, expiresAt: {{end}}}
            - {cluster: {{name}}, policies: [no-such-policy], reason: bad, expiresAt: {{end}}}
            - {cluster: {{name}}, policies: [image-tag-missing], reason: good too, expiresAt: {{end}}}
            - {cluster: no-such-cluster, policies: [image-tag-missing], reason: where, expiresAt: {{end}}}
            - {cluster: {{name}}, policies: [image-tag-latest], reason: good, expiresAt: {{end}}}
            """;

        var (response, body) = await ImportAsync(Admin, yaml);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("3 of 5 entries have errors; nothing was imported.", body["error"]!.GetValue<string>());
        var entries = body["entries"]!.AsArray();
        Assert.Equal([1, 3, 4], entries.Select(e => e!["index"]!.GetValue<int>()));
        Assert.Equal([5, 7, 8], entries.Select(e => e!["line"]!.GetValue<int>()));
        Assert.Equal("entry 1 (line 5): Unknown policy id 'no-such-policy'.", body["errors"]![0]!.GetValue<string>());
        Assert.Equal("No cluster is named 'no-such-cluster' on this server.", entries[1]!["errors"]![0]!.GetValue<string>());
        Assert.Equal("The same exception as entry 0 (line 4).", entries[2]!["errors"]![0]!.GetValue<string>());
        Assert.Equal(0L, await CountAsync(cluster));
    }

    [Fact]
    public async Task Import_TooLargeOrTooDeep_400BeforeParsingIt_AndOnlyAnAdminMayImport()
    {
        var header = "apiVersion: kubeadvisor.io/v1\nkind: ExceptionList\nexceptions: ";
        var engineer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Engineer));
        var viewer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Viewer));

        // Nested far deeper than a recursive parser survives: the event parser stops at level 5, and the server lives on.
        var (deep, deepBody) = await ImportAsync(Admin, header + new string('[', 300_000) + new string(']', 300_000));
        var (large, largeBody) = await ImportAsync(Admin, header + "[]\n#" + new string('x', 3 * 1024 * 1024));
        var (byEngineer, _) = await ImportAsync(engineer, header + "[]");
        var exportByViewer = await viewer.GetAsync("/api/v1/exceptions/export");

        Assert.Equal(HttpStatusCode.BadRequest, deep.StatusCode);
        Assert.Contains("nests deeper than 4 levels", deepBody["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Equal("The file is larger than 2048 KiB; split it.", largeBody["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, byEngineer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exportByViewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(Admin, header + "[]")).Response.StatusCode);
        // curl --data-binary labels the body application/x-www-form-urlencoded unless told otherwise: still read as YAML
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(Admin, header + "[]", "application/x-www-form-urlencoded")).Response.StatusCode);
    }

    private async Task<(Guid Id, string Name)> ClusterAsync()
    {
        var name = "yaml-" + Guid.NewGuid().ToString("N")[..8];
        return ((await new AgentPushClient(fx.App).ConnectAsync(name)).ClusterId, name);
    }

    private async Task<Guid> CreateAsync(Guid cluster, string policy)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/exceptions", ExceptionApiTests.Request(cluster, policy));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
    }

    private static async Task<(HttpResponseMessage Response, JsonNode Body)> ImportAsync(HttpClient client, string yaml, string contentType = ExceptionYaml.ContentType)
    {
        var response = await client.PostAsync("/api/v1/exceptions/import", new StringContent(yaml, Encoding.UTF8, contentType));
        var json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true;
        return (response, json ? JsonNode.Parse(await response.Content.ReadAsStringAsync())! : new JsonObject());
    }

    private static int Number(JsonNode node, string field) => node[field]!.GetValue<int>();

    private async Task<long> CountAsync(Guid? cluster = null) => (long)(await fx.Database.ScalarAsync(
        "SELECT count(*) FROM policy_exceptions" + (cluster is null ? "" : $" WHERE \"ClusterId\" = '{cluster}'")))!;

    private async Task<string?> AuditActionsAsync(Guid exception) => (string?)await fx.Database.ScalarAsync(
        $"SELECT string_agg(\"Action\", ',' ORDER BY \"Action\") FROM audit_entries WHERE \"Target\" LIKE 'exception {exception} on %'");
}
