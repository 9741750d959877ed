using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Infrastructure.Auth.Oidc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>Identity with cookies for people (password or single sign-on), bearer tokens for machines, and the shared policies.</summary>
public static class AuthExtensions
{
    private const string SmartScheme = "CookieOrToken";

    public static WebApplicationBuilder AddKubeAdvisorAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetKubeAdvisorOptions();
        var secureCookies = options.SecureCookies;

        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API token", o => o.ForwardDefaultSelector = ctx =>
                ApiTokenAuthenticationHandler.BearerToken(ctx.Request) is not null
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        auth.AddIdentityCookies();
        // Single sign-on ends in the same Identity application cookie as a password sign-in (decision 0032).
        auth.AddKubeAdvisorOidc(builder.Configuration, secureCookies);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<KubeAdvisorDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // A disabled or re-roled user's cookie stops working at the next check (their security stamp changes);
        // open tabs are re-checked as often by SessionRevalidatingStateProvider.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(Math.Max(1, options.SessionRevalidateSeconds)));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.Cookie.Name = "kubeadvisor.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Forbidden(ctx);
        });

        services.AddAuthorization(AuthPolicies.Configure);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, CurrentRoleAuthorizationHandler>();
        services.AddCascadingAuthenticationState();
        // Registered before AddRazorComponents, whose TryAdd then keeps this one.
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        services.AddScoped<AccessGuard>();
        return builder;
    }

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (IsApi(ctx.Request))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    // Pages and API alike answer 403 to a signed-in user without the right role, so the refusal is visible.
    private static async Task Forbidden(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (!IsApi(ctx.Request))
        {
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(
                "<!DOCTYPE html><html><head><title>Forbidden - KubeAdvisor</title></head><body style=\"font-family:sans-serif\">" +
                "<h1>403 - not allowed</h1><p>Your role does not allow this page. Ask an Admin if you need access.</p>" +
                "<p><a href=\"/\">Back to the overview</a></p></body></html>");
        }
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api");
}
