using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using KubeAdvisor.DemoCluster;

namespace KubeAdvisor.Kubernetes.Tests.DemoCluster;

public sealed class FakeKubernetesServerTests : FakeServerTestBase
{
    private HttpClient Http(bool withToken = true)
    {
        var ca = X509Certificate2.CreateFromPem(Server.CaCertificatePem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, chain, _) =>
            {
                chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                return chain.Build(cert!);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        if (withToken)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Token);
        }

        return http;
    }

    [Fact]
    public async Task Get_WithoutToken_401StatusObject()
    {
        using var http = Http(withToken: false);

        using var response = await http.GetAsync(new Uri("/api/v1/pods", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(("Status", 401), (body.RootElement.GetProperty("kind").GetString(), body.RootElement.GetProperty("code").GetInt32()));
    }

    [Fact]
    public async Task List_OverEmulatedLink_TakesAtLeastBytesOverRateAndKeepsTheBody()
    {
        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 40));
        using var http = Http();
        var url = new Uri("/api/v1/pods", UriKind.Relative);
        var unpaced = await http.GetByteArrayAsync(url);
        const long rate = 200_000; // bytes per second
        Server.Faults.LinkBytesPerSecond = rate;

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var paced = await http.GetByteArrayAsync(url);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Server.Faults.Reset();

        Assert.Equal(unpaced, paced);
        // A lower bound only (a slow machine makes it longer, never shorter); 2 ms of slack for the pacing rule.
        var floor = TimeSpan.FromSeconds((double)(unpaced.Length - 64) / rate) - TimeSpan.FromMilliseconds(4);
        Assert.True(elapsed >= floor, $"{unpaced.Length} bytes at {rate} B/s took {elapsed.TotalMilliseconds:0} ms, less than {floor.TotalMilliseconds:0} ms");
        Assert.Equal(0, Server.Faults.LinkBytesPerSecond);
    }

    [Fact]
    public async Task List_WithLimit_ListKindContinueAndResourceVersion()
    {
        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 4));
        using var http = Http();

        using var body = JsonDocument.Parse(await http.GetStringAsync(new Uri("/apis/apps/v1/deployments?limit=3", UriKind.Relative)));

        var root = body.RootElement;
        Assert.Equal("DeploymentList", root.GetProperty("kind").GetString());
        Assert.Equal(3, root.GetProperty("items").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("metadata").GetProperty("continue").GetString()));
        Assert.Equal(Server.Objects.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            root.GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    [Fact]
    public async Task List_ContinueTokenAfterReplace_410Gone()
    {
        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 4));
        using var http = Http();
        using var first = JsonDocument.Parse(await http.GetStringAsync(new Uri("/apis/apps/v1/deployments?limit=1", UriKind.Relative)));
        var token = first.RootElement.GetProperty("metadata").GetProperty("continue").GetString();

        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 5));
        using var response = await http.GetAsync(new Uri($"/apis/apps/v1/deployments?limit=1&continue={Uri.EscapeDataString(token!)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownPath_404()
    {
        using var http = Http();

        using var response = await http.GetAsync(new Uri("/api/v1/secrets", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ReplaceFromYaml_OwnerReferenceWithoutUid_FilledFromOwner()
    {
        Server.Objects.ReplaceFromYaml("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: db-0
              namespace: shop
              ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, controller: true}]
            """);

        using var client = Client();
        var s = await new KubeAdvisor.Kubernetes.Collection.ClusterCollector(TimeProvider.System).CollectAsync(client, CancellationToken.None);

        Assert.Equal((1, 1), (Server.Objects.Count("statefulsets"), Server.Objects.Count("pods")));
        Assert.Equal("StatefulSet", Assert.Single(s.Workloads).Kind);
    }
}
