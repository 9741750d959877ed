using System.Net;

namespace KubeAdvisor.Testing.Oidc;

/// <summary>
/// Drives the code flow as a browser would, with two clients: the app's (its cookies: the correlation and nonce cookies,
/// then the sign-in cookie) and a plain one for the provider, each redirect going to whichever host it names.
/// </summary>
public static class OidcBrowserClient
{
    /// <summary>Starts single sign-on on the app and follows the redirects through the provider back to the callback.</summary>
    /// <returns>The callback's answer: a redirect to the return URL (signed in) or to the login page with an error.</returns>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient app, string returnUrl = "/")
    {
        using var provider = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        var response = await app.GetAsync("/account/login/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl));
        for (var hop = 0; hop < 5; hop++)
        {
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) || response.Headers.Location is null)
            {
                throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var next = new Uri(app.BaseAddress!, response.Headers.Location);
            var toApp = next.Authority == app.BaseAddress!.Authority;
            if (toApp && next.AbsolutePath != TestOidcProvider.CallbackPath)
            {
                return response;
            }

            response = toApp ? await app.GetAsync(next) : await provider.GetAsync(next);
        }

        throw new InvalidOperationException("Too many redirects between the app and the provider.");
    }
}
