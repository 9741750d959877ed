namespace KubeAdvisor.Testing.Oidc;

/// <summary>The person the test provider signs in: subject, e-mail (null: none in the token) and groups.</summary>
public sealed record OidcTestUser(string Subject, string? Email, params string[] Groups)
{
    /// <summary>A new user with a unique subject and e-mail, in <paramref name="groups"/>.</summary>
    public static OidcTestUser New(params string[] groups)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new OidcTestUser("sub-" + id, $"sso-{id}@idp.test", groups);
    }
}
