using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Infrastructure.Auth.Oidc;

namespace KubeAdvisor.Web.Tests.Infrastructure.Auth;

public sealed class OidcOptionsTests
{
    private static OidcOptions Valid() => new()
    {
        Authority = "https://login.example.com/realms/main",
        ClientId = "kubeadvisor",
        ClientSecret = "secret",
        RoleMap = "platform-admins=Admin, devs=engineer",
        TeamMap = "devs=payments,devs=storefront",
    };

    [Fact]
    public void Problems_ValidSettings_None() => Assert.Empty(OidcOptionsValidator.Problems(Valid()));

    [Fact]
    public void Problems_NothingConfigured_None() => Assert.Empty(OidcOptionsValidator.Problems(new OidcOptions()));

    [Fact]
    public void Problems_HttpAuthority_RefusedUnlessExplicitlyAllowed()
    {
        var o = Valid();
        o.Authority = "http://login.example.com/";

        Assert.Contains(OidcOptionsValidator.Problems(o), p => p.StartsWith("KUBEADVISOR_OIDC_AUTHORITY must be https://", StringComparison.Ordinal));
        o.AllowHttp = true;
        Assert.Empty(OidcOptionsValidator.Problems(o));
    }

    [Theory]
    [InlineData("ClientSecret", "KUBEADVISOR_OIDC_CLIENT_SECRET is not set")]
    [InlineData("Scopes", "KUBEADVISOR_OIDC_SCOPES \"profile email\" must include openid")]
    [InlineData("RoleMap", "KUBEADVISOR_OIDC_ROLE_MAP maps \"devs\" to \"Owner\"")]
    [InlineData("Duplicate", "KUBEADVISOR_OIDC_ROLE_MAP names the group \"devs\" more than once")]
    [InlineData("Unmapped", "KUBEADVISOR_OIDC_UNMAPPED is \"admin\"")]
    [InlineData("LocalOff", "KUBEADVISOR_LOCAL_SIGNIN=false but KUBEADVISOR_OIDC_ROLE_MAP maps no group to Admin")]
    [InlineData("TeamMap", "KUBEADVISOR_OIDC_TEAM_MAP has \"payments\"")]
    public void Problems_EachMistake_IsNamedWithItsVariable(string mistake, string expected)
    {
        var o = Valid();
        switch (mistake)
        {
            case "ClientSecret": o.ClientSecret = ""; break;
            case "Scopes": o.Scopes = "profile email"; break;
            case "RoleMap": o.RoleMap = "devs=Owner"; break;
            case "Duplicate": o.RoleMap = "devs=Engineer,devs=Admin"; break;
            case "Unmapped": o.Unmapped = "admin"; break;
            case "LocalOff": o.LocalSignIn = false; o.RoleMap = "devs=Engineer"; break;
            default: o.TeamMap = "payments"; break;
        }

        Assert.Contains(OidcOptionsValidator.Problems(o), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_LocalSignInOffWithoutSingleSignOn_Refused()
    {
        var problems = OidcOptionsValidator.Problems(new OidcOptions { LocalSignIn = false }).ToList();

        Assert.Single(problems);
        Assert.StartsWith("KUBEADVISOR_LOCAL_SIGNIN=false needs single sign-on", problems[0]);
    }

    [Theory]
    [InlineData(new[] { "devs", "platform-admins" }, Roles.Admin, "groups platform-admins")]
    [InlineData(new[] { "devs" }, Roles.Engineer, "groups devs")]
    [InlineData(new[] { "a=b" }, Roles.Viewer, "groups a=b")]
    [InlineData(new[] { "DEVS" }, null, "no mapped group (KUBEADVISOR_OIDC_UNMAPPED=refuse)")]
    [InlineData(new string[0], null, "no mapped group (KUBEADVISOR_OIDC_UNMAPPED=refuse)")]
    public void Decide_HighestMappedRoleWins_GroupsCompareExactly(string[] groups, string? role, string because)
    {
        var o = Valid();
        o.RoleMap = "platform-admins=Admin,devs=Engineer,a=b=viewer";

        var decision = OidcRoleMapping.Decide(o, groups);

        Assert.Equal(role, decision.Role);
        Assert.Equal(because, decision.Because);
    }
}
