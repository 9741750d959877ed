using System.Security.Claims;
using Bunit;
using Hangfire.Common;
using Hangfire.States;
using Hangfire;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Admission;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.ClusterDetail;
using KubeAdvisor.Web.Features.Compliance;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Fleet;
using KubeAdvisor.Web.Features.Namespaces;
using KubeAdvisor.Web.Features.Overview;
using KubeAdvisor.Web.Features.Policies;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Features.Workloads;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace KubeAdvisor.Web.Tests.Features.Dashboard;

/// <summary>
/// A bUnit context with MudBlazor, the dashboard's real services on a real PostgreSQL database, the real authorization
/// policies and a signed-in user of one role (null: nobody signed in).
/// </summary>
public sealed class DashboardTestContext : BunitContext
{
    public DashboardTestContext(string connectionString, string? role, Action<IServiceCollection>? moreServices = null)
    {
        // Pages load from PostgreSQL; on a busy 2-core machine the default 1 s wait is too tight (this bounds a wait, it asserts no speed).
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddDbContextFactory<KubeAdvisorDbContext>(o => o.UseKubeAdvisorDatabase(connectionString));
        if (role is not null)
        {
            // AccessGuard reads the user's role from the database: the signed-in user exists there.
            EnsureUser(connectionString, role);
        }

        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DashboardFixture.Now));
        Services.AddHttpContextAccessor();
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<IBackgroundJobClient>(Jobs);
        Services.AddSingleton(Options.Create(new KubeAdvisorOptions { Database = connectionString }));
        Services.AddSingleton<KubeAdvisor.Web.Features.Scans.ScanScheduler>();
        Services.AddSingleton<KubeAdvisor.Web.Features.Scans.ScanLifecycle>();
        Services.AddSingleton<KubeAdvisor.Web.Features.Scans.ClusterScanLock>();
        // bUnit pre-registers placeholder authorization services; the real ones with the real policies replace them.
        Services.RemoveAll<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        Services.RemoveAll<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>();
        Services.AddAuthorizationCore(AuthPolicies.Configure);
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthState(role));
        Services.AddScoped<AccessGuard>();
        Services.AddScoped<KubeAdvisor.Web.Features.Users.UserAdministration>();
        var builder = WebApplication.CreateBuilder();
        builder.AddDashboard().AddOverview().AddFleet().AddClusterDetail().AddAdmission().AddNamespaces().AddWorkloads().AddFindings().AddPolicies().AddCompliance()
            .AddExceptions().AddTeams();
        foreach (var d in builder.Services.Where(d => d.ServiceType.Namespace?.StartsWith("KubeAdvisor.Web.Features", StringComparison.Ordinal) == true))
        {
            Services.Add(d);
        }

        moreServices?.Invoke(Services);
        SetRendererInfo(new RendererInfo("Server", true)); // builds the service provider: register everything above
        Render<MudBlazor.MudPopoverProvider>();
    }

    public RecordingJobClient Jobs { get; } = new();

    public static string Email(string role) => $"{role.ToLowerInvariant()}@test.local";

    public static string UserId(string role) => "test-" + role.ToLowerInvariant();

    /// <summary>Stores the test user of <paramref name="role"/> (as a page test signs in), unless it exists.</summary>
    public static void EnsureUser(string connectionString, string role)
    {
        using var db = KubeAdvisor.Testing.Seeding.DashboardSeeder.Context(connectionString);
        try
        {
            if (db.Users.Any(u => u.Id == UserId(role)))
            {
                return;
            }
        }
        catch (InvalidOperationException e) when (e.InnerException is Npgsql.NpgsqlException)
        {
            // A test of an unreachable database: nobody can be seeded, and the page must cope with that anyway.
            return;
        }

        var roleRow = db.Roles.SingleOrDefault(r => r.Name == role) ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        var email = Email(role);
        db.Users.Add(new AppUser
        {
            Id = UserId(role), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DashboardFixture.Now,
        });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = UserId(role), RoleId = roleRow.Id });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // Another test class seeded the same user at the same moment; theirs is as good as ours.
        }
    }

    private sealed class FixedAuthState(string? role) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync()
        {
            var identity = role is null
                ? new ClaimsIdentity()
                : new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, UserId(role)), new Claim(ClaimTypes.Name, Email(role)), new Claim(ClaimTypes.Role, role)], "test");
            return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity)));
        }
    }
}

/// <summary>Records the Hangfire jobs a component queued instead of running them.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Created { get; } = [];

    public string Create(Job job, IState state)
    {
        Created.Add(job);
        return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
