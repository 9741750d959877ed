using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace KubeAdvisor.Web.Infrastructure.Auth.Oidc;

/// <summary>
/// The callback's end: once the handler has verified the ID token (signature, issuer, audience, nonce, PKCE), the user
/// is provisioned and signed in with the ordinary Identity cookie, so everything after (role checks against the
/// database, open tabs re-checked, sign-out) is the same as for a password sign-in. Refusals go back to the login
/// page with a reason code; the reason itself goes to the audit log and the server log. Tokens are never kept or logged.
/// </summary>
public sealed class OidcSignInEvents(
    OidcUserProvisioner provisioner, SignInManager<AppUser> signIn, AuditLog audit, ILogger<OidcSignInEvents> logger)
    : OpenIdConnectEvents
{
    /// <summary>The local path to return to, carried in the (protected) state through the provider.</summary>
    public const string ReturnUrlItem = "returnUrl";

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        context.HandleResponse(); // no external cookie: the Identity application cookie below is the only session
        var outcome = await provisioner.ProvisionAsync(context.Principal!, context.HttpContext.RequestAborted);
        if (outcome.User is null)
        {
            logger.LogWarning("Single sign-on refused for {Account}: {Reason}", outcome.Account, outcome.Reason);
            await audit.WriteAsync(outcome.Account, AuditActions.SignInFailed, outcome.Account, outcome.Reason);
            context.Response.Redirect("/account/login?error=" + outcome.ErrorCode);
            return;
        }

        await signIn.SignInAsync(outcome.User, isPersistent: false, authenticationMethod: OidcOptions.Scheme);
        var returnUrl = context.Properties?.Items.TryGetValue(ReturnUrlItem, out var url) == true ? url : null;
        context.Response.Redirect(LocalReturnUrl.Sanitize(returnUrl));
    }

    // A protocol failure (bad state or correlation cookie, the provider's error, a token that does not validate) is
    // logged, not audited: anyone can send junk to the callback, and only a real sign-in is worth an audit row.
    public override Task RemoteFailure(RemoteFailureContext context)
    {
        logger.LogWarning("Single sign-on failed: {Reason}", context.Failure?.Message);
        context.HandleResponse();
        context.Response.Redirect("/account/login?error=" + OidcSignInOutcome.Failed);
        return Task.CompletedTask;
    }
}
