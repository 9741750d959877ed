using KubeAdvisor.Testing.Oidc;

namespace KubeAdvisor.E2E.Tests.Support;

/// <summary>
/// The browser app with single sign-on through a real OpenID Connect provider (<see cref="TestOidcProvider"/>, loopback):
/// platform-admins = Admin, devs = Engineer, anyone else refused; password sign-in stays on.
/// </summary>
public sealed class OidcBrowserFixture : BrowserAppFixture
{
    public TestOidcProvider Provider { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?>? Settings => Provider.AppSettings("platform-admins=Admin,devs=Engineer");

    protected override async Task BeforeAppAsync() => Provider = await TestOidcProvider.StartAsync();

    protected override async Task AfterAppAsync() => await Provider.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class OidcBrowserCollection : ICollectionFixture<OidcBrowserFixture>
{
    public const string Name = "oidc browser";
}
