using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

/// <summary>
/// docs/policies.md is generated from the descriptors (<see cref="PolicyDocs"/>): the committed file must be exactly
/// what would be generated. Regenerate with KUBEADVISOR_WRITE_DOCS=1 (see <see cref="PolicyDocs.RegenerateCommand"/>).
/// </summary>
public sealed class PolicyDocsTests
{
    [Fact]
    public void PoliciesMd_Committed_IsExactlyWhatTheDescriptorsGenerate()
    {
        var committed = PolicyDocsFile.Policies.Text.ReplaceLineEndings("\n");

        Assert.True(committed == PolicyDocsFile.Policies.Generated,
            $"docs/policies.md differs from the descriptors; regenerate it: {PolicyDocs.RegenerateCommand}\n"
            + $"First difference at line {FirstDifferentLine(committed, PolicyDocsFile.Policies.Generated)}.");
    }

    [Fact]
    public void PoliciesMd_Table_ListsExactlyTheCatalogWithSeverityAndDefault()
    {
        // Rows look like: | `image-tag-latest` | Image uses the latest tag | image | high | on | yes |
        var rows = PolicyDocsFile.Policies.Text.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 8) // the policy table, not the Polaris coverage table
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
        var text = PolicyDocsFile.Policies.Text;

        Assert.All(PolicyCatalog.All, p => Assert.Contains($"### `{p.Descriptor.Id}`", text, StringComparison.Ordinal));
        Assert.All(PolicyCatalog.All, p => Assert.Contains(p.Descriptor.Title, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ParametersAndTraits_AppearWithTheirPolicy()
    {
        var floating = PolicyCatalog.Find("image-tag-floating")!.Descriptor;
        var section = SectionOf(PolicyDocs.Render([floating]), floating.Id);

        Assert.Contains("- **Parameter:** `floatingTags` (Floating tags)", section, StringComparison.Ordinal);
        Assert.Contains("Default: `stable, main, master, develop, dev, edge, nightly, snapshot, canary`.", section, StringComparison.Ordinal);
        Assert.Contains("- **Digest pin:**", section, StringComparison.Ordinal);
        Assert.Contains("image: {repo}:<version>", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MultiLineRemediation_IsAFencedBlockKeepingItsIndentation()
    {
        var cpu = PolicyCatalog.Find("container-cpu-limit-missing")!.Descriptor;

        var md = PolicyDocs.Render([cpu]);

        Assert.Contains("- **Fix:**\n\n  ```text\n  Where a hard cap is wanted", md, StringComparison.Ordinal);
        Assert.Contains("\n      limits:\n        cpu: 500m\n  ```\n", md, StringComparison.Ordinal);
        Assert.Contains("| `container-cpu-limit-missing` | CPU limit missing | efficiency | low | off | **no** |", md, StringComparison.Ordinal);
    }

    private static string SectionOf(string md, string id)
    {
        var start = md.IndexOf($"### `{id}`", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for {id}");
        var end = md.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        return end < 0 ? md[start..] : md[start..end];
    }

    private static int FirstDifferentLine(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        var i = 0;
        while (i < left.Length && i < right.Length && left[i] == right[i])
        {
            i++;
        }

        return i + 1;
    }
}
