using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Testing.Hosting;

/// <summary>The real web app on a real PostgreSQL database, with one user per role.</summary>
public sealed class KubeAdvisorAppFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string Password = "Correct-Horse-42";
    public const string BootstrapToken = "bootstrap-token-for-tests-0123456789";
    /// <summary>Fixed master key of the key ring (32 bytes, base64); a test overrides DATA_PROTECTION_KEY through settings.</summary>
    public const string DataProtectionKey = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    /// <summary>KUBEADVISOR_PUBLIC_URL of test apps (links in notifications start with it).</summary>
    public const string PublicUrl = "http://kubeadvisor.test";

    public static string EmailFor(string role) => role == Roles.Admin ? AdminEmail : $"{role.ToLowerInvariant()}@test.local";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("DB", connectionString);
        builder.UseSetting("ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("ADMIN_PASSWORD", Password);
        builder.UseSetting("BOOTSTRAP_TOKEN", BootstrapToken);
        builder.UseSetting("HANGFIRE_WORKERS", "1");
        builder.UseSetting("HANGFIRE_POLL_SECONDS", "1");
        builder.UseSetting("SCAN_RETRY_SECONDS", "1");
        builder.UseSetting("SCAN_TIMEOUT_SECONDS", "20");
        builder.UseSetting("NOTIFY_RETRY_SECONDS", "1");
        // Notification links point here (nothing listens: tests read the links, they do not follow them).
        builder.UseSetting("PUBLIC_URL", PublicUrl);
        builder.UseSetting("DATA_PROTECTION_KEY", DataProtectionKey);
        // The tests' fake API servers listen on loopback, which is private: allow-listed explicitly, as a
        // self-hosted install would its own clusters. A test may override it through settings.
        builder.UseSetting("SERVER_ALLOWLIST", "127.0.0.0/8,::1/128");
        // every test signs in many times from one address; SignInHardeningTests sets real limits
        builder.UseSetting("SIGN_IN_PER_ADDRESS_PER_MINUTE", "100000");
        builder.UseSetting("SIGN_IN_PER_ACCOUNT_PER_MINUTE", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Creates the Engineer and Viewer users (the Admin is created by the app's first run).</summary>
    public async Task SeedRoleUsersAsync()
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var role in new[] { Roles.Engineer, Roles.Viewer })
        {
            var email = EmailFor(role);
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(";", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
        }
    }

    /// <summary>A client that keeps cookies and, like a browser, sends its Origin with every request.</summary>
    public HttpClient CreateBrowserClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return client;
    }
}
