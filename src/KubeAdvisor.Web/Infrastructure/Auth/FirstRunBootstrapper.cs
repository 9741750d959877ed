using System.Security.Cryptography;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth.Oidc;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>
/// Creates the roles, the first admin when there is no user yet (and password sign-in is on), and the bootstrap API
/// token when configured.
/// A generated admin password is printed once to the console, never logged.
/// </summary>
public sealed class FirstRunBootstrapper(
    IServiceProvider services,
    IOptions<KubeAdvisorOptions> options,
    IOptions<OidcOptions> oidc,
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    AuditLog audit,
    TimeProvider time)
{
    public async Task RunAsync(CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        // Without password sign-in nobody could use a local first admin: the provider's Admin group makes Admins.
        if (oidc.Value.LocalSignIn && !await users.Users.AnyAsync(ct))
        {
            await CreateFirstAdminAsync(users, ct);
        }

        await EnsureBootstrapTokenAsync(ct);
    }

    private async Task CreateFirstAdminAsync(UserManager<AppUser> users, CancellationToken ct)
    {
        var email = options.Value.AdminEmail;
        var password = options.Value.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = GeneratePassword();
        }

        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        Check(await users.CreateAsync(admin, password!), "create the first admin");
        Check(await users.AddToRoleAsync(admin, Roles.Admin), "make the first admin an Admin");
        await audit.WriteAsync("system", AuditActions.UserCreated, email, "first admin", ct: ct);

        if (generated)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine("==================================================================");
            Console.Out.WriteLine(" KubeAdvisor created the first admin. This password is shown once:");
            Console.Out.WriteLine($"   e-mail:   {email}");
            Console.Out.WriteLine($"   password: {password}");
            Console.Out.WriteLine(" Sign in and change it under Settings > Change password.");
            Console.Out.WriteLine("==================================================================");
            Console.Out.WriteLine();
        }
    }

    private async Task EnsureBootstrapTokenAsync(CancellationToken ct)
    {
        var token = options.Value.BootstrapToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            return;
        }

        if (token.Length < 20)
        {
            throw new InvalidOperationException("KUBEADVISOR_BOOTSTRAP_TOKEN must be at least 20 characters long.");
        }

        var hash = ApiTokenHasher.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ApiTokens.AnyAsync(t => t.TokenHash == hash, ct))
        {
            return;
        }

        db.ApiTokens.Add(new ApiToken
        {
            Id = Guid.NewGuid(),
            Name = "bootstrap",
            Role = Roles.Admin,
            TokenHash = hash,
            Prefix = ApiTokenHasher.DisplayPrefix(token),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = "system",
            IsSystem = true,
        });
        audit.Add(db, "system", AuditActions.TokenCreated, "bootstrap", "role Admin, from KUBEADVISOR_BOOTSTRAP_TOKEN");
        await db.SaveChangesAsync(ct);
    }

    internal static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return string.Create(20, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }

            // Identity's default rules want an upper, a lower case letter and a digit; guarantee each once.
            span[0] = alphabet[RandomNumberGenerator.GetInt32(0, 24)];
            span[1] = alphabet[RandomNumberGenerator.GetInt32(24, 48)];
            span[2] = alphabet[RandomNumberGenerator.GetInt32(48, alphabet.Length)];
        });
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
