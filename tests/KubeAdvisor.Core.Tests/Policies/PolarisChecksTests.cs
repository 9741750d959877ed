using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

/// <summary>The Polaris mapping in the descriptors is checked against the list of Polaris checks, both ways.</summary>
public sealed class PolarisChecksTests
{
    private static readonly IReadOnlyList<PolicyDescriptor> Descriptors = PolicyCatalog.All.Select(p => p.Descriptor).ToList();

    [Fact]
    public void Descriptors_PolarisIds_AreKnownPolarisChecks()
    {
        var known = PolarisChecks.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(Descriptors.SelectMany(d => d.Polaris.Select(id => (d.Id, Polaris: id))),
            pair => Assert.True(known.Contains(pair.Polaris), $"{pair.Id} names unknown Polaris check {pair.Polaris}"));
    }

    [Fact]
    public void PolarisChecks_EachCheck_HasAnEquivalentOrAReasonButNotBoth()
    {
        Assert.All(PolarisChecks.All, check =>
        {
            var covered = Descriptors.Any(d => d.Polaris.Contains(check.Id));
            Assert.True(covered != check.NotYetBecause is not null,
                covered ? $"{check.Id} has an equivalent: drop its reason" : $"{check.Id} has no equivalent: give the reason");
        });
    }

    [Fact]
    public void PolarisChecks_Ids_AreUnique()
    {
        var ids = PolarisChecks.All.Select(c => c.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Render_PolarisEquivalentAndDifference_AppearInThePolicySectionAndTheCoverageTable()
    {
        var pull = PolicyCatalog.Find("image-pull-policy-mutable")!.Descriptor;
        var text = PolicyDocs.Render([pull]);

        Assert.Contains("- **Polaris:** `pullPolicyNotAlways`", text, StringComparison.Ordinal);
        Assert.Contains("- **Unlike Polaris:** Polaris fails every pull policy", text, StringComparison.Ordinal);
        Assert.Contains("| `pullPolicyNotAlways` | `image-pull-policy-mutable` |", text, StringComparison.Ordinal);
        Assert.Contains("| `oneController` | none, not judged: the API server refuses an object with a second controller owner reference", text, StringComparison.Ordinal);
        Assert.Contains("| `sensitiveConfigmapContent` | `configmap-secret-literal` |", PolicyDocs.Render(PolicyCatalog.Descriptors), StringComparison.Ordinal);
    }
}
