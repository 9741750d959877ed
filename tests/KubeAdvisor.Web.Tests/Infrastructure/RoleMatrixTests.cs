using System.Net;
using System.Net.Http.Headers;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Infrastructure;

/// <summary>Every page and endpoint × anonymous / Viewer / Engineer / Admin, asserted cell by cell.</summary>
[Collection(WebAppCollection.Name)]
public sealed class RoleMatrixTests(WebAppFixture fx)
{
    private const string Anonymous = "anonymous";

    // Expected outcome: "ok" 200, "login" redirect to the login page, "forbidden" 403, "unauthorized" 401.
    public static TheoryData<string, string, string> Matrix()
    {
        var rows = new TheoryData<string, string, string>();
        void Row(string path, string anonymous, string viewer, string engineer, string admin)
        {
            rows.Add(path, Anonymous, anonymous);
            rows.Add(path, Roles.Viewer, viewer);
            rows.Add(path, Roles.Engineer, engineer);
            rows.Add(path, Roles.Admin, admin);
        }

        Row("/healthz", "ok", "ok", "ok", "ok");
        Row("/readyz", "ok", "ok", "ok", "ok");
        Row("/metrics", "ok", "ok", "ok", "ok"); // open unless KUBEADVISOR_METRICS_TOKEN is set (MetricsTests)
        Row("/account/login", "ok", "ok", "ok", "ok");
        Row("/", "login", "ok", "ok", "ok");
        Row("/clusters", "login", "ok", "ok", "ok");
        Row("/violations", "login", "ok", "ok", "ok");
        Row("/policies", "login", "ok", "ok", "ok");
        Row("/exceptions", "login", "ok", "ok", "ok");
        Row("/exceptions/new", "login", "forbidden", "ok", "ok");
        Row("/settings", "login", "ok", "ok", "ok");
        Row("/account/password", "login", "ok", "ok", "ok");
        Row("/settings/users", "login", "forbidden", "forbidden", "ok");
        Row("/settings/audit", "login", "forbidden", "forbidden", "ok");
        Row("/hangfire", "login", "forbidden", "forbidden", "ok");
        Row("/settings/tokens", "login", "forbidden", "forbidden", "ok");
        Row("/settings/teams", "login", "forbidden", "forbidden", "ok");
        Row("/settings/notifications", "login", "forbidden", "forbidden", "ok");
        Row("/teams", "login", "ok", "ok", "ok");
        Row($"/teams/{Guid.Empty}", "login", "ok", "ok", "ok"); // no such team: the page says so
        Row($"/clusters/{Guid.Empty}/cluster-scoped", "login", "ok", "ok", "ok"); // no such cluster: the page says so
        Row("/clusters/new", "login", "forbidden", "forbidden", "ok");
        Row("/clusters/new/agent", "login", "forbidden", "forbidden", "ok");
        Row("/api/v1/clusters", "unauthorized", "ok", "ok", "ok");
        Row("/api/v1/tokens", "unauthorized", "forbidden", "forbidden", "ok");
        Row("/openapi/v1.json", "login", "ok", "ok", "ok");
        Row("/api/v1/me", "unauthorized", "ok", "ok", "ok");
        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Get_RoleOnPath_AnswersAsExpected(string path, string role, string expected)
    {
        var client = role == Anonymous
            ? fx.App.CreateBrowserClient()
            : await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(role));

        var response = await client.GetAsync(path);

        switch (expected)
        {
            case "ok":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            case "login":
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
                break;
            case "forbidden":
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                break;
            case "unauthorized":
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(expected), expected, null);
        }
    }

    [Fact]
    public async Task ApiToken_Bootstrap_AuthenticatesAsAdmin()
    {
        var client = fx.App.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KubeAdvisorAppFactory.BootstrapToken);

        var body = await client.GetStringAsync("/api/v1/me");

        Assert.Contains("\"Admin\"", body);
    }

    [Fact]
    public async Task ApiToken_Unknown_Is401()
    {
        var client = fx.App.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ka_not-a-real-token-at-all");

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
