using System.Security.Claims;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Infrastructure.Auth.Oidc;

/// <summary>
/// Turns a provider's verified ID token into a KubeAdvisor user: the user linked to the token's <c>sub</c> (created on
/// the first sign-in), with the role and the managed team memberships decided from the groups claim now, every time.
/// Every change and the sign-in itself are audited, naming the subject as <c>oidc:&lt;sub&gt;</c>. No token is kept.
/// </summary>
public sealed class OidcUserProvisioner(
    UserManager<AppUser> users, OidcTeamSync teams, AuditLog audit, IOptions<OidcOptions> options, TimeProvider time)
{
    /// <summary>Claims longer than this are not names anyone configured: ignored (a subject that long is refused).</summary>
    public const int MaxClaimLength = 256;

    /// <summary>Groups read from one token at most; a user in more is judged by the first ones.</summary>
    public const int MaxGroups = 1000;

    public async Task<OidcSignInOutcome> ProvisionAsync(ClaimsPrincipal external, CancellationToken ct)
    {
        var o = options.Value;
        var sub = external.FindFirstValue("sub");
        if (string.IsNullOrEmpty(sub) || sub.Length > MaxClaimLength)
        {
            return OidcSignInOutcome.Fail(OidcSignInOutcome.Failed, "oidc", "the ID token has no usable sub claim");
        }

        var subject = "oidc:" + sub;
        var groups = external.FindAll(o.GroupsClaim).Select(c => c.Value)
            .Where(g => g.Length is > 0 and <= MaxClaimLength).Distinct(StringComparer.Ordinal).Take(MaxGroups).ToList();
        var email = EmailOf(external);
        var decision = OidcRoleMapping.Decide(o, groups);

        var user = await users.FindByLoginAsync(OidcOptions.LoginProvider, sub);
        if (user is { IsDisabled: true })
        {
            return OidcSignInOutcome.Fail(OidcSignInOutcome.Disabled, user.Email ?? subject, $"{subject}: the account is disabled");
        }

        if (decision.Role is null)
        {
            if (user is not null)
            {
                await SetRoleAsync(user, null, subject, decision.Because);
            }

            return OidcSignInOutcome.Fail(OidcSignInOutcome.Refused, user?.Email ?? email ?? subject, $"{subject}: {decision.Because}");
        }

        if (user is null)
        {
            var created = await CreateAsync(sub, email, decision, ct);
            if (created.User is null)
            {
                return created;
            }

            user = created.User;
        }
        else
        {
            await UpdateEmailAsync(user, email);
            await SetRoleAsync(user, decision.Role, subject, decision.Because);
        }

        var teamChanges = await teams.SyncAsync(user, groups, subject, ct);
        var details = $"{subject} via {o.DisplayName}, role {decision.Role} ({decision.Because})" + (teamChanges.Length > 0 ? $"; teams: {teamChanges}" : "");
        await audit.WriteAsync(user.Email ?? subject, AuditActions.SignIn, user.Email, details, ct: ct);
        return OidcSignInOutcome.Ok(user, user.Email ?? subject, details);
    }

    private async Task<OidcSignInOutcome> CreateAsync(string sub, string? email, OidcRoleMapping.Decision decision, CancellationToken ct)
    {
        var subject = "oidc:" + sub;
        if (email is null)
        {
            return OidcSignInOutcome.Fail(OidcSignInOutcome.NoAccount, subject, $"{subject}: the ID token has no e-mail address (ask for the email scope)");
        }

        // Never linked by e-mail: a provider that lets users choose their address would hand them someone else's account.
        if (await users.FindByEmailAsync(email) is not null)
        {
            return OidcSignInOutcome.Fail(OidcSignInOutcome.NoAccount, email,
                $"{subject}: {email} belongs to an account that is not linked to this provider login");
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        var result = await users.CreateAsync(user);
        result = result.Succeeded ? await users.AddLoginAsync(user, new UserLoginInfo(OidcOptions.LoginProvider, sub, options.Value.DisplayName)) : result;
        result = result.Succeeded ? await users.AddToRoleAsync(user, decision.Role!) : result;
        if (!result.Succeeded)
        {
            if (user.Id is not null && await users.FindByIdAsync(user.Id) is { } partial)
            {
                await users.DeleteAsync(partial);
            }

            return OidcSignInOutcome.Fail(OidcSignInOutcome.NoAccount, email,
                $"{subject}: could not create the account: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await audit.WriteAsync(email, AuditActions.UserCreated, email, $"{subject}, first sign-in via {options.Value.DisplayName}, role {decision.Role} ({decision.Because})", ct: ct);
        return OidcSignInOutcome.Ok(user, email, "created");
    }

    // The provider's groups decide: a changed role is written with a new security stamp, so the user's other sessions
    // (cookies, open tabs) are re-checked and signed out; null takes every role away (a refused user keeps no rights).
    private async Task SetRoleAsync(AppUser user, string? role, string subject, string because)
    {
        var current = await users.GetRolesAsync(user);
        if ((role is not null && current.Count == 1 && current[0] == role) || (role is null && current.Count == 0))
        {
            return;
        }

        await users.RemoveFromRolesAsync(user, current);
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(user.Email ?? subject, AuditActions.UserRoleChanged, user.Email,
            $"{(current.Count == 0 ? "none" : string.Join(",", current))} -> {role ?? "none"} at sign-in via {options.Value.DisplayName} ({subject}, {because})");
    }

    private async Task UpdateEmailAsync(AppUser user, string? email)
    {
        if (email is null || string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase) || await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        user.Email = email;
        user.UserName = email;
        await users.UpdateAsync(user);
    }

    private static string? EmailOf(ClaimsPrincipal external)
    {
        var email = external.FindFirstValue("email")?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            // Entra ID sends the sign-in name here when the account has no mail attribute.
            email = external.FindFirstValue("preferred_username")?.Trim();
        }

        return email is { Length: > 2 and <= MaxClaimLength } && email.Contains('@', StringComparison.Ordinal) ? email : null;
    }
}
