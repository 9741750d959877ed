using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Agents;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Infrastructure;

/// <summary>
/// Every operation of the OpenAPI document × anonymous / Viewer / Engineer / Admin (cookie) / agent token. The table
/// below names the least role of each; an endpoint that is in the document but not in the table fails the test, so a
/// new endpoint cannot ship without a decision about who may call it. (Pages: <see cref="RoleMatrixTests"/>.)
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ApiRoleMatrixTests(WebAppFixture fx)
{
    private static readonly Dictionary<string, string> LeastRole = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/me"] = Roles.Viewer,
        ["GET /api/v1/clusters"] = Roles.Viewer,
        ["POST /api/v1/clusters"] = Roles.Admin,
        ["GET /api/v1/clusters/{id}"] = Roles.Viewer,
        ["DELETE /api/v1/clusters/{id}"] = Roles.Admin,
        ["PUT /api/v1/clusters/{id}/labels"] = Roles.Admin,
        ["GET /api/v1/clusters/{id}/scans"] = Roles.Viewer,
        ["POST /api/v1/clusters/{id}/scans"] = Roles.Engineer,
        ["GET /api/v1/scans/{id}"] = Roles.Viewer,
        ["GET /api/v1/clusters/{id}/findings"] = Roles.Viewer,
        ["GET /api/v1/clusters/{id}/findings?format=csv"] = Roles.Engineer, // export, as in the UI
        ["GET /api/v1/clusters/{id}/trend"] = Roles.Viewer,
        ["GET /api/v1/compliance"] = Roles.Viewer,
        ["GET /api/v1/clusters/{id}/compliance"] = Roles.Viewer,
        ["GET /api/v1/clusters/{id}/admission/validating-admission-policy.yaml"] = Roles.Viewer,
        ["GET /api/v1/clusters/{id}/reports"] = Roles.Viewer, // openreports.io Reports: what the findings API shows, in another format
        ["DELETE /api/v1/demo/history"] = Roles.Admin, // removes the seeded demo clusters of ./run.sh --demo
        ["GET /api/v1/clusters/{id}/workloads/{workloadId}/digests"] = Roles.Viewer,
        ["GET /api/v1/exceptions"] = Roles.Viewer,
        ["GET /api/v1/exceptions/{id}"] = Roles.Viewer,
        ["POST /api/v1/exceptions"] = Roles.Engineer, // a request; an Admin's own is approved at once
        ["POST /api/v1/exceptions/{id}/approve"] = Roles.Admin,
        ["POST /api/v1/exceptions/{id}/reject"] = Roles.Admin,
        ["POST /api/v1/exceptions/{id}/revoke"] = Roles.Engineer, // the workflow then allows an Engineer only their own
        ["GET /api/v1/exceptions/export"] = Roles.Viewer,
        ["GET /api/v1/clusters/{id}/exceptions/active"] = Roles.Viewer, // every approved one a scan applies, uncapped (the CLI)
        ["POST /api/v1/exceptions/import"] = Roles.Admin,
        ["GET /api/v1/tokens"] = Roles.Admin,
        ["POST /api/v1/tokens"] = Roles.Admin,
        ["DELETE /api/v1/tokens/{id}"] = Roles.Admin,
        ["POST /api/v1/agent/connections"] = Roles.Admin,
        ["GET /api/v1/clusters/{id}/agent"] = Roles.Viewer,
        ["POST /api/v1/clusters/{id}/agent/token"] = Roles.Admin,
        ["DELETE /api/v1/clusters/{id}/agent/token"] = Roles.Admin,
        ["GET /api/v1/teams"] = Roles.Viewer,
        ["POST /api/v1/teams"] = Roles.Admin,
        ["DELETE /api/v1/teams/{id}"] = Roles.Admin,
        ["PUT /api/v1/teams/{id}/members"] = Roles.Admin,
        ["GET /api/v1/ownership-rules"] = Roles.Viewer,
        ["POST /api/v1/ownership-rules"] = Roles.Admin,
        ["PUT /api/v1/ownership-rules/{id}"] = Roles.Admin,
        ["DELETE /api/v1/ownership-rules/{id}"] = Roles.Admin,
        ["GET /api/v1/notifications/channels"] = Roles.Admin, // destinations are an Admin's business
        ["POST /api/v1/notifications/channels"] = Roles.Admin,
        ["DELETE /api/v1/notifications/channels/{id}"] = Roles.Admin,
        ["POST /api/v1/notifications/channels/{id}/test"] = Roles.Admin,
        ["GET /api/v1/notifications/channels/{id}/deliveries"] = Roles.Admin,
        ["GET /api/v1/notifications/routes"] = Roles.Admin,
        ["POST /api/v1/notifications/routes"] = Roles.Admin,
        ["PUT /api/v1/notifications/routes/{id}"] = Roles.Admin,
        ["DELETE /api/v1/notifications/routes/{id}"] = Roles.Admin,
        ["GET /api/v1/policies"] = Roles.Viewer,
        ["GET /api/v1/clusters/{id}/policy-settings"] = Roles.Viewer, // the CLI reads them with any token
        ["PUT /api/v1/clusters/{id}/policy-settings"] = Roles.Admin,
        ["GET /violations/export.csv"] = Roles.Engineer,
        ["GET /api/v1/clusters/{id}/admission"] = Roles.Viewer,
        ["PUT /api/v1/clusters/{id}/admission"] = Roles.Admin,
        ["POST /api/v1/agent/snapshots"] = AgentOnly, // agent tokens only: no user, not even an Admin, can push
        ["GET /api/v1/agent/admission"] = AgentOnly, // the cluster's admission settings and exceptions, for its own agent
        ["GET /api/v1/agent/reports"] = AgentOnly, // the cluster's openreports.io Reports, for its own agent to write into the cluster
    };

    private const string AgentOnly = "agent-only";

    private static readonly string[] Callers = ["anonymous", "agent", Roles.Viewer, Roles.Engineer, Roles.Admin];

    [Fact]
    public async Task EveryOpenApiOperation_HasAnEntryAndEveryCallerGetsWhatItsRoleAllows()
    {
        var operations = await OperationsAsync();
        var missing = operations.Where(o => !LeastRole.ContainsKey(o)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a role-matrix entry: " + string.Join(", ", missing));

        var agent = new AgentPushClient(fx.App);
        var (_, agentToken) = await agent.ConnectAsync();
        var clients = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = fx.App.CreateBrowserClient(),
            ["agent"] = ApiClient.WithToken(fx.App, agentToken).Http,
        };
        foreach (var role in Roles.All)
        {
            clients[role] = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(role));
        }

        var failures = new List<string>();
        foreach (var operation in LeastRole.Keys.Where(k => operations.Contains(k) || k.Contains('?')))
        {
            foreach (var caller in Callers) // Admin last: its DELETEs must not take the subject away from the others
            {
                var (cluster, _) = await agent.ConnectAsync();
                var status = await CallAsync(clients[caller], operation, cluster);
                var expected = Expected(caller, LeastRole[operation]);
                var ok = expected switch
                {
                    "allowed" => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    // outside /api, an anonymous browser is sent to the login page instead
                    "unauthorized" => status == HttpStatusCode.Unauthorized || (status == HttpStatusCode.Redirect && !operation.Contains(" /api/", StringComparison.Ordinal)),
                    _ => status == HttpStatusCode.Forbidden,
                };
                if (!ok)
                {
                    failures.Add($"{operation} as {caller}: {(int)status}, expected {expected}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task ViewerToken_CsvExport_Is403WhileJsonWorks()
    {
        var admin = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken).Http;
        var created = await admin.PostAsync("/api/v1/tokens", new StringContent("{\"name\":\"viewer-csv\",\"role\":\"Viewer\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var viewer = ApiClient.WithToken(fx.App, JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!.GetValue<string>()).Http;
        var (cluster, _) = await new AgentPushClient(fx.App).ConnectAsync();

        var csv = await viewer.GetAsync($"/api/v1/clusters/{cluster}/findings?format=csv");
        using var accept = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/clusters/{cluster}/findings");
        accept.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var byAccept = await viewer.SendAsync(accept);
        var json = await viewer.GetAsync($"/api/v1/clusters/{cluster}/findings");

        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAccept.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, json.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, json.StatusCode);
    }

    private static string Expected(string caller, string least) => caller switch
    {
        _ when least == AgentOnly => caller == "agent" ? "allowed" : "unauthorized",
        "anonymous" or "agent" => "unauthorized", // an agent token is not an API credential
        _ when Rank(caller) >= Rank(least) => "allowed",
        _ => "forbidden",
    };

    private static int Rank(string role) => role switch { Roles.Admin => 3, Roles.Engineer => 2, Roles.Viewer => 1, _ => 0 };

    private async Task<HashSet<string>> OperationsAsync()
    {
        var admin = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken).Http;
        var doc = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json"))!;
        var operations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                if (method is "get" or "post" or "put" or "patch" or "delete")
                {
                    operations.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }

        Assert.NotEmpty(operations);
        return operations;
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string operation, Guid cluster)
    {
        var space = operation.IndexOf(' ', StringComparison.Ordinal);
        var path = operation[(space + 1)..].Replace("{workloadId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{id}", cluster.ToString(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(operation[..space]), path);
        if (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
