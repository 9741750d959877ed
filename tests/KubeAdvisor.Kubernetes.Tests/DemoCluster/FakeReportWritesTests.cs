using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeAdvisor.Kubernetes.Tests.DemoCluster;

/// <summary>The fake API server's openreports.io group, driven by KubernetesClient's custom-object API as a real client would.</summary>
public sealed class FakeReportWritesTests : FakeServerTestBase
{
    private const string Group = "openreports.io";
    private const string Version = "v1alpha1";

    [Fact]
    public async Task CreateReplaceApplyDelete_BehaveAsTheApiServer_StaleResourceVersionIs409()
    {
        var client = Client();
        var created = Node(await client.CustomObjects.CreateNamespacedCustomObjectAsync(Report("shop", "r1", "fail"), Group, Version, "shop", "reports"));
        var duplicate = await StatusOfAsync(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(Report("shop", "r1", "fail"), Group, Version, "shop", "reports"));

        var replace = Report("shop", "r1", "pass");
        replace["metadata"]!["resourceVersion"] = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        var replaced = Node(await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(replace, Group, Version, "shop", "reports", "r1"));
        var stale = await StatusOfAsync(() => client.CustomObjects.ReplaceNamespacedCustomObjectAsync(replace, Group, Version, "shop", "reports", "r1"));
        var missing = await StatusOfAsync(() => client.CustomObjects.ReplaceNamespacedCustomObjectAsync(Report("shop", "r9", "pass"), Group, Version, "shop", "reports", "r9"));

        var applied = Node(await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(Report("shop", "r2", "skip").ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, Version, "shop", "reports", "r2", fieldManager: "kubeadvisor", force: true));
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, "shop", "reports", "r1");
        var deletedTwice = await StatusOfAsync(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, "shop", "reports", "r1"));

        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        Assert.Equal("pass", replaced["results"]![0]!["result"]!.GetValue<string>());
        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), replaced["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("skip", applied["results"]![0]!["result"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, deletedTwice);
        Assert.Equal(["r2"], Server.Objects.Reports.List("reports", "shop").Select(r => r["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CrdsAbsentOrForbidden_Are404And403()
    {
        var client = Client();
        Server.Faults.ForbiddenResource = "clusterreports";
        var forbidden = await StatusOfAsync(() => client.CustomObjects.CreateClusterCustomObjectAsync(ClusterReport(), Group, Version, "clusterreports"));
        Server.Faults.Reset();
        Server.Objects.Reports.CrdsInstalled = false;
        var absent = await StatusOfAsync(() => client.CustomObjects.CreateClusterCustomObjectAsync(ClusterReport(), Group, Version, "clusterreports"));
        var listAbsent = await StatusOfAsync(() => client.CustomObjects.ListClusterCustomObjectAsync(Group, Version, "reports"));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal(HttpStatusCode.NotFound, absent);
        Assert.Equal(HttpStatusCode.NotFound, listAbsent);
        Assert.Empty(Server.Objects.Reports.List("clusterreports"));
    }

    private static JsonObject Report(string ns, string name, string result) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}", ["kind"] = "Report",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["results"] = new JsonArray(new JsonObject { ["policy"] = "p", ["result"] = result }),
    };

    private static JsonObject ClusterReport() => new()
    {
        ["apiVersion"] = $"{Group}/{Version}", ["kind"] = "ClusterReport", ["metadata"] = new JsonObject { ["name"] = "c1" },
    };

    private static JsonNode Node(object answer) => JsonNode.Parse(((JsonElement)answer).GetRawText())!;

    private static async Task<HttpStatusCode?> StatusOfAsync(Func<Task<object>> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (HttpOperationException e)
        {
            return e.Response.StatusCode;
        }
    }
}
