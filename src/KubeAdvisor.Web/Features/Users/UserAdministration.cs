using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Users;

/// <summary>
/// Creating users, setting roles, disabling. Every method checks the Admin policy itself (it runs inside
/// Blazor event handlers, where no endpoint authorization applies) and writes the audit log.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, AccessGuard guard, AuditLog audit, TimeProvider time)
{
    public sealed record UserRow(string Id, string Email, string Role, bool IsDisabled, bool IsLockedOut, DateTimeOffset CreatedAt);

    public sealed record Result(bool Succeeded, string Message, string? GeneratedPassword = null);

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        await guard.EnsureAsync(AuthPolicies.CanAdminister);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.KubeAdvisorDbContext>();
        var now = time.GetUtcNow();
        var rows = await (from u in db.Users
                          orderby u.Email
                          select new
                          {
                              u.Id, u.Email, u.IsDisabled, u.LockoutEnd, u.CreatedAt,
                              Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
                          }).ToListAsync(ct);
        return rows.Select(r => new UserRow(r.Id, r.Email ?? "", r.Role ?? "", r.IsDisabled, !r.IsDisabled && r.LockoutEnd > now, r.CreatedAt)).ToList();
    }

    public async Task<Result> CreateAsync(string email, string role, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(AuthPolicies.CanAdminister);
        if (!Roles.IsValid(role))
        {
            return new Result(false, $"Unknown role '{role}'.");
        }

        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var password = FirstRunBootstrapper.GeneratePassword();
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new Result(false, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        await audit.WriteAsync(actor, AuditActions.UserCreated, user.Email, $"role {role}", ct: ct);
        return new Result(true, $"Created {user.Email} as {role}.", password);
    }

    public async Task<Result> SetRoleAsync(string userId, string role, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(AuthPolicies.CanAdminister);
        if (!Roles.IsValid(role))
        {
            return new Result(false, $"Unknown role '{role}'.");
        }

        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return new Result(false, "No such user.");
        }

        var old = await users.GetRolesAsync(user);
        if (old.Contains(Roles.Admin) && role != Roles.Admin && await IsLastActiveAdminAsync(users, user))
        {
            return new Result(false, "The last active Admin cannot lose the Admin role.");
        }

        await users.RemoveFromRolesAsync(user, old);
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, AuditActions.UserRoleChanged, user.Email, $"{string.Join(",", old)} -> {role}", ct: ct);
        return new Result(true, $"{user.Email} is now {role}.");
    }

    public async Task<Result> SetDisabledAsync(string userId, bool disabled, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(AuthPolicies.CanAdminister);
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return new Result(false, "No such user.");
        }

        if (disabled && (await users.GetRolesAsync(user)).Contains(Roles.Admin) && await IsLastActiveAdminAsync(users, user))
        {
            return new Result(false, "The last active Admin cannot be disabled.");
        }

        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        // A new security stamp invalidates the user's cookies at the next validation.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, user.Email, ct: ct);
        return new Result(true, disabled ? $"{user.Email} is disabled." : $"{user.Email} is enabled.");
    }

    private static async Task<bool> IsLastActiveAdminAsync(UserManager<AppUser> users, AppUser user)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.Count(a => !a.IsDisabled && a.Id != user.Id) == 0;
    }
}
