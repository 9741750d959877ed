using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Support;

/// <summary>Users a journey may disable without disturbing the others, and the Users page as an Admin works it.</summary>
public static class UserAccounts
{
    public static async Task<string> CreateAsync(KubeAdvisorAppFactory app, string role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}@test.local";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, KubeAdvisorAppFactory.Password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}.");
        }

        return email;
    }

    /// <summary>On /settings/users (signed in as an Admin), clicks Disable in the user's row and waits for the confirmation.</summary>
    public static async Task DisableOnUsersPageAsync(this IPage adminPage, string email)
    {
        await adminPage.Locator("tr", new() { HasText = email }).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(adminPage.GetByTestId("users-message")).ToContainTextAsync($"{email} is disabled.");
    }
}
