namespace KubeAdvisor.E2E.Tests.Support;

/// <summary>The browser app with open tabs revalidated every 2 s, for journeys that watch a tab being signed out.</summary>
public sealed class SessionBrowserFixture : BrowserAppFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings { get; } =
        new Dictionary<string, string?> { ["SESSION_REVALIDATE_SECONDS"] = "2" };
}

[CollectionDefinition(Name)]
public sealed class SessionBrowserCollection : ICollectionFixture<SessionBrowserFixture>
{
    public const string Name = "session browser";
}
