using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace KubeAdvisor.Testing.Oidc;

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server) on Kestrel, loopback, plain http, with ephemeral keys: discovery,
/// JWKS, the authorization endpoint and the token endpoint speak the protocol as any provider does (code flow, PKCE
/// required, signed ID tokens). Only the person is fixed: the authorization endpoint signs in <see cref="User"/> at once,
/// without a page, so tests need no login form. It checks the client id, the client secret and that the redirect URI is
/// KubeAdvisor's callback on a loopback host; it stores nothing (OpenIddict's degraded mode: codes are self-contained).
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "kubeadvisor-test";
    public const string ClientSecret = "test-client-secret-0123456789";
    public const string CallbackPath = "/account/login/oidc/callback";

    private readonly WebApplication _app;
    private int _authorizations;

    private TestOidcProvider(WebApplication app, string authority)
    {
        _app = app;
        Authority = authority;
    }

    /// <summary>The issuer, e.g. http://127.0.0.1:41234/.</summary>
    public string Authority { get; }

    /// <summary>Who is signed in at the next authorization request; null answers access_denied.</summary>
    public OidcTestUser? User { get; set; }

    /// <summary>Authorization requests answered with a code so far.</summary>
    public int Authorizations => Volatile.Read(ref _authorizations);

    public static async Task<TestOidcProvider> StartAsync(string groupsClaim = "groups")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        TestOidcProvider? self = null;
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.EnableDegradedMode();
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.Email, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            o.UseAspNetCore().DisableTransportSecurityRequirement();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(c =>
            {
                if (c.ClientId != ClientId)
                {
                    c.Reject(Errors.InvalidClient, "Unknown client_id.");
                }
                else if (!IsCallback(c.RedirectUri))
                {
                    c.Reject(Errors.InvalidRequest, "The redirect_uri is not the client's callback.");
                }

                return default;
            }));
            o.AddEventHandler<HandleAuthorizationRequestContext>(h => h.UseInlineHandler(c =>
            {
                if (self!.User is not { } user)
                {
                    c.Reject(Errors.AccessDenied, "The user refused.");
                    return default;
                }

                c.Principal = Principal(user, groupsClaim, c.Request.GetScopes());
                Interlocked.Increment(ref self._authorizations);
                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(c =>
            {
                if (c.ClientId != ClientId || c.Request.ClientSecret != ClientSecret)
                {
                    c.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TestOidcProvider(app, address.TrimEnd('/') + "/");
        return self;
    }

    /// <summary>KubeAdvisor settings (keys without KUBEADVISOR_) that point its single sign-on at this provider.</summary>
    public Dictionary<string, string?> AppSettings(string roleMap, string? teamMap = null, string unmapped = "refuse", bool localSignIn = true) => new()
    {
        ["OIDC_AUTHORITY"] = Authority,
        ["OIDC_CLIENT_ID"] = ClientId,
        ["OIDC_CLIENT_SECRET"] = ClientSecret,
        ["OIDC_ALLOW_HTTP"] = "true", // loopback, plain http: test only
        ["OIDC_DISPLAY_NAME"] = "Test IdP",
        ["OIDC_ROLE_MAP"] = roleMap,
        ["OIDC_TEAM_MAP"] = teamMap,
        ["OIDC_UNMAPPED"] = unmapped,
        ["LOCAL_SIGNIN"] = localSignIn ? "true" : "false",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool IsCallback(string? redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && uri.AbsolutePath == CallbackPath && uri.Query.Length == 0
        && (uri.IsLoopback || uri.Host == "localhost");

    private static ClaimsPrincipal Principal(OidcTestUser user, string groupsClaim, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Subject));
        if (user.Email is not null)
        {
            identity.AddClaim(new Claim(Claims.Email, user.Email));
        }

        foreach (var group in user.Groups)
        {
            identity.AddClaim(new Claim(groupsClaim, group));
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetDestinations(_ => [Destinations.IdentityToken]);
        return principal;
    }
}
