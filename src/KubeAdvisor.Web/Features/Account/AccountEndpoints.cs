using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace KubeAdvisor.Web.Features.Account;

/// <summary>Form posts of the account pages: sign in, sign out, change password. Antiforgery-checked.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", LogoutAsync);
        group.MapPost("/password", ChangePasswordAsync);
        return app;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress?.ToString();
        var user = await users.FindByEmailAsync(email ?? "");
        if (user is null)
        {
            await audit.WriteAsync(email ?? "", AuditActions.SignInFailed, email, "unknown account", remote);
            return Back("invalid", returnUrl);
        }

        if (user.IsDisabled)
        {
            await audit.WriteAsync(email!, AuditActions.SignInFailed, email, "account disabled", remote);
            return Back("disabled", returnUrl);
        }

        var result = await signIn.PasswordSignInAsync(user, password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(email!, AuditActions.SignIn, email, null, remote);
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }

        if (result.IsLockedOut)
        {
            await audit.WriteAsync(email!, AuditActions.LockedOut, email, "locked after repeated failures", remote);
            return Back("locked", returnUrl);
        }

        await audit.WriteAsync(email!, AuditActions.SignInFailed, email, "wrong password", remote);
        return Back("invalid", returnUrl);
    }

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
        Results.LocalRedirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");

    // Only local paths: an open redirect after login would make phishing easy.
    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
