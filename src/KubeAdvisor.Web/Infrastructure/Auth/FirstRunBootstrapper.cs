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

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", Lower = "abcdefghijkmnopqrstuvwxyz", Digits = "23456789";

    /// <summary>
    /// 20 characters of an alphabet without look-alikes (I, O, l, 0, 1), at least one upper and one lower case letter and
    /// one digit, as Identity's default rules want, each at a random place.
    /// </summary>
    internal static string GeneratePassword()
    {
        const string alphabet = Upper + Lower + Digits;
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
