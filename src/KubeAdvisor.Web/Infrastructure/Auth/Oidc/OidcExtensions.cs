using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KubeAdvisor.Web.Infrastructure.Auth.Oidc;

/// <summary>Registers single sign-on: its options (validated on start) and, when configured, the OpenID Connect handler.</summary>
public static class OidcExtensions
{
    public static AuthenticationBuilder AddKubeAdvisorOidc(this AuthenticationBuilder auth, IConfiguration configuration, bool secureCookies)
    {
        var services = auth.Services;
        services.AddOptions<OidcOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        services.AddScoped<OidcUserProvisioner>();
        services.AddScoped<OidcTeamSync>();
        services.AddScoped<OidcSignInEvents>();

        var oidc = new OidcOptions();
        configuration.Bind(oidc);
        if (!oidc.Enabled)
        {
            return auth;
        }

        return auth.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.RequireHttpsMetadata = !oidc.AllowHttp;
            // Authorization code flow with PKCE; the answer comes back as a top-level GET (query), so the correlation and
            // nonce cookies can stay SameSite=Lax and the callback is not a cross-site POST.
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false; // keep the provider's claim names (sub, email, groups)
            o.Scope.Clear();
            foreach (var scope in oidc.ScopeList)
            {
                o.Scope.Add(scope);
            }

            o.CallbackPath = OidcOptions.CallbackPath;
            o.SignInScheme = IdentityConstants.ExternalScheme; // never written: OidcSignInEvents signs in with the application cookie
            o.EventsType = typeof(OidcSignInEvents);
            // The discovery document, the keys and the token endpoint are fetched as the provider names them, but a
            // redirect is not followed; answers are capped by the handler (10 MB) and time out after 30 s.
            o.BackchannelHttpHandler = new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) };
            o.BackchannelTimeout = TimeSpan.FromSeconds(30);
            o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.HttpOnly = true;
                cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            }
        });
    }
}
