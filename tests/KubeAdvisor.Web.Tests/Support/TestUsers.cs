using System.Security.Claims;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Tokens;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Support;

/// <summary>Users of their own per test (so a test may disable, demote or delete them) and their tokens.</summary>
public static class TestUsers
{
    public sealed record TestUser(string Id, string Email, ClaimsPrincipal Principal);

    /// <summary>A new user with <paramref name="role"/> and the principal a cookie or circuit would capture for them now.</summary>
    public static async Task<TestUser> CreateAsync(KubeAdvisorAppFactory app, string role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(user, KubeAdvisorAppFactory.Password));
        Check(await users.AddToRoleAsync(user, role));
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        return new TestUser(user.Id, email, principal);
    }

    /// <summary>Changes the role in the database only (no security stamp change): what the database says, not the principal.</summary>
    public static async Task SetRoleQuietlyAsync(KubeAdvisorAppFactory app, string userId, string role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
        Check(await users.AddToRoleAsync(user, role));
    }

    public static async Task DisableQuietlyAsync(KubeAdvisorAppFactory app, string userId)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        user.IsDisabled = true;
        Check(await users.UpdateAsync(user));
    }

    public static async Task DeleteAsync(KubeAdvisorAppFactory app, string userId)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Check(await users.DeleteAsync((await users.FindByIdAsync(userId))!));
    }

    /// <summary>Creates a token as <paramref name="creator"/> through the same service the page and the API use.</summary>
    public static async Task<ApiTokenAdministration.CreatedToken> CreateTokenAsync(
        KubeAdvisorAppFactory app, ClaimsPrincipal creator, string role, int? expiresInDays = null, bool neverExpires = false)
    {
        using var scope = app.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<ApiTokenAdministration>();
        var (token, error) = await admin.CreateAsync(creator, new ApiTokenAdministration.TokenRequest("t-" + Guid.NewGuid().ToString("N")[..12], role, expiresInDays, neverExpires), CancellationToken.None);
        return token ?? throw new InvalidOperationException(error);
    }

    /// <summary>A scope whose Blazor authentication state is <paramref name="principal"/>, as in that user's open tab.</summary>
    public static IServiceScope CircuitScope(KubeAdvisorAppFactory app, ClaimsPrincipal principal)
    {
        var scope = app.Services.CreateScope();
        var provider = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
