using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

/// <summary>docs/policies.md must list exactly the catalog's policies, each with its pack, default severity and state.</summary>
public sealed class PolicyDocsTests
{
    private static readonly string DocsPath = Path.Combine(AppContext.BaseDirectory, "docs", "policies.md");

    [Fact]
    public void PoliciesMd_Table_ListsExactlyTheCatalogWithSeverityAndDefault()
    {
        Assert.True(File.Exists(DocsPath), $"docs/policies.md was not copied to {DocsPath}");

        // Rows look like: | `image-tag-latest` | Image uses the latest tag | image | high | on | yes |
        var rows = File.ReadAllLines(DocsPath)
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => $"{cells[1].Trim('`')} {cells[3]} {cells[4]} {cells[5]} {cells[6].Trim('*')}")
            .ToArray();
        var expected = PolicyCatalog.All
            .Select(p => p.Descriptor)
            .Select(d => $"{d.Id} {d.Pack} {d.DefaultSeverity.ToString().ToLowerInvariant()} {(d.DefaultEnabled ? "on" : "off")} "
                + (d.EnabledWithPack ? "yes" : "no"))
            .ToArray();

        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PoliciesMd_EveryPolicy_HasASectionWithItsRationale()
    {
        var text = File.ReadAllText(DocsPath);

        Assert.All(PolicyCatalog.All, p => Assert.Contains($"### `{p.Descriptor.Id}`", text, StringComparison.Ordinal));
    }
}
