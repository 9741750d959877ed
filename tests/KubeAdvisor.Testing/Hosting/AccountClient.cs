using System.Net;
using System.Text.RegularExpressions;

namespace KubeAdvisor.Testing.Hosting;

/// <summary>Signs in through the real login form (antiforgery token included), as a browser would.</summary>
public static partial class AccountClient
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }

        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        });
        return await client.PostAsync("/account/login", form);
    }

    public static async Task<HttpClient> SignedInClientAsync(KubeAdvisorAppFactory app, string email)
    {
        var client = app.CreateBrowserClient();
        var response = await PostLoginAsync(client, email, KubeAdvisorAppFactory.Password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
