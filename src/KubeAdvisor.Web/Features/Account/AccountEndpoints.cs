using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth.Oidc;
using KubeAdvisor.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Account;

/// <summary>Form posts of the account pages (sign in, sign out, change password; antiforgery-checked) and the single sign-on start.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(SignInThrottle.AddressPolicy);
        group.MapGet("/login/oidc", ChallengeOidc).AllowAnonymous().RequireRateLimiting(SignInThrottle.AddressPolicy);
        group.MapPost("/logout", LogoutAsync);
        group.MapPost("/password", ChangePasswordAsync);
        return app;
    }

    // One answer for an unknown account, a wrong password, a disabled or a locked account: the form never tells an
    // attacker which accounts exist. The reason goes to the audit log only.
    private static async Task<IResult> LoginAsync(
        [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, FailedSignInAudit failures,
        SignInThrottle throttle, IOptions<OidcOptions> oidc, CancellationToken ct)
    {
        email ??= "";
        if (!oidc.Value.LocalSignIn)
        {
            await failures.RecordAsync(email, "password sign-in is switched off (KUBEADVISOR_LOCAL_SIGNIN=false)", ct);
            return Back("local-off", returnUrl);
        }

        if (!throttle.TryAccount(email))
        {
            await failures.RecordAsync(email, "too many attempts for this account (rate limited)", ct);
            return Back("throttled", returnUrl);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null || user.IsDisabled)
        {
            // the same password-hash work as a real check, so the answer's timing does not tell either
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), TimingDummyHash, password ?? "");
            await failures.RecordAsync(email, user is null ? "unknown account" : "account disabled", ct);
            return Back("invalid", returnUrl);
        }

        var result = await signIn.PasswordSignInAsync(user, password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(email, AuditActions.SignIn, email, ct: ct);
            return Results.LocalRedirect(LocalReturnUrl.Sanitize(returnUrl));
        }

        if (result.IsLockedOut)
        {
            await failures.RecordAsync(email, "account locked after repeated failures", ct);
            return Back("invalid", returnUrl);
        }

        await failures.RecordAsync(email, "wrong password", ct);
        return Back("invalid", returnUrl);
    }

    // A link, not a form: the page's Content-Security-Policy (form-action 'self') would stop a form's redirect to the
    // provider. Starting a challenge changes nothing here; the callback is guarded by the correlation cookie and state.
    private static IResult ChallengeOidc(string? returnUrl, IOptions<OidcOptions> oidc)
    {
        if (!oidc.Value.Enabled)
        {
            return Results.LocalRedirect("/account/login?error=sso-off");
        }

        var target = LocalReturnUrl.Sanitize(returnUrl);
        var properties = new AuthenticationProperties { RedirectUri = target };
        properties.Items[OidcSignInEvents.ReturnUrlItem] = target;
        return Results.Challenge(properties, [OidcOptions.Scheme]);
    }

    private static readonly string TimingDummyHash =
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), "not a password anyone has: " + Guid.NewGuid());

    private static async Task<IResult> LogoutAsync([FromForm] string? returnUrl, SignInManager<AppUser> signIn, AuditLog audit, HttpContext http)
    {
        var name = http.User.Identity?.Name ?? "unknown";
        await signIn.SignOutAsync();
        await audit.WriteAsync(name, AuditActions.SignOut, name);
        return Results.LocalRedirect("/account/login");
    }

    private static async Task<IResult> ChangePasswordAsync(
        [FromForm] string currentPassword, [FromForm] string newPassword, [FromForm] string confirmPassword,
        UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, HttpContext http)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.LocalRedirect("/account/login");
        }

        if (newPassword != confirmPassword)
        {
            return Results.LocalRedirect("/account/password?error=" + Uri.EscapeDataString("The new passwords do not match."));
        }

        var result = await users.ChangePasswordAsync(user, currentPassword ?? "", newPassword ?? "");
        if (!result.Succeeded)
        {
            var message = string.Join(" ", result.Errors.Select(e => e.Description));
            return Results.LocalRedirect("/account/password?error=" + Uri.EscapeDataString(message));
        }

        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(user.Email ?? user.Id, AuditActions.PasswordChanged, user.Email);
        return Results.LocalRedirect("/account/password?changed=1");
    }

    private static IResult Back(string error, string? returnUrl) =>
        Results.LocalRedirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(LocalReturnUrl.Sanitize(returnUrl))}");
}
