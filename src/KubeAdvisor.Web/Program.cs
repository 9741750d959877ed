using KubeAdvisor.Web;
using KubeAdvisor.Web.Components;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Account;
using KubeAdvisor.Web.Features.Admission;
using KubeAdvisor.Web.Features.Agents;
using KubeAdvisor.Web.Features.Api;
using KubeAdvisor.Web.Features.ClusterDetail;
using KubeAdvisor.Web.Features.Compliance;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Demo;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Fleet;
using KubeAdvisor.Web.Features.Metrics;
using KubeAdvisor.Web.Features.Namespaces;
using KubeAdvisor.Web.Features.Notifications;
using KubeAdvisor.Web.Features.Overview;
using KubeAdvisor.Web.Features.Policies;
using KubeAdvisor.Web.Features.Reports;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Features.Tokens;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Features.Workloads;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Infrastructure.Database;
using KubeAdvisor.Web.Infrastructure.Health;
using KubeAdvisor.Web.Infrastructure.Jobs;

var builder = WebApplication.CreateBuilder(args);
builder.AddKubeAdvisorConfiguration()
    .AddKubeAdvisorDatabase()
    .AddKubeAdvisorAuth()
    .AddAccount()
    .AddKubeAdvisorJobs()
    .AddKubeAdvisorFeatures()
    .AddClusters()
    .AddScans()
    .AddTokens()
    .AddDemo()
    .AddKubeAdvisorApi()
    .AddAgents()
    .AddDashboard()
    .AddOverview()
    .AddFleet()
    .AddClusterDetail()
    .AddAdmission()
    .AddNamespaces()
    .AddCompliance()
    .AddExceptions()
    .AddTeams()
    .AddNotifications()
    .AddWorkloads()
    .AddFindings()
    .AddPolicies()
    .AddMetrics()
    .AddReports();

var app = builder.Build();

if (args.Contains("migrate"))
{
    await app.Services.MigrateDatabaseAsync();
    Console.WriteLine("Database migrated.");
    return;
}

if (args.Contains("rotate-keys"))
{
    await app.Services.RotateDataProtectionKeysAsync();
    return;
}

await app.Services.StartKubeAdvisorAsync();

if (app.Services.GetRequiredService<ProcessRole>().ServesWeb)
{
    app.UseKubeAdvisorHttpMetrics();
    app.UseKubeAdvisorPipeline();
    app.MapHealthEndpoints();
    app.MapMetricsEndpoint();
    app.MapAccountEndpoints();
    app.MapKubeAdvisorApi();
    app.MapAgentEndpoints();
    app.MapKubeAdvisorJobsDashboard();
    app.MapViolationsExport();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
}
else
{
    app.UseKubeAdvisorWorkerPipeline(); // /healthz and /readyz; every other path is 404
}

await app.RunAsync();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
