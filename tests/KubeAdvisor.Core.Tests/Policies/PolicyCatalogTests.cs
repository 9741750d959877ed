using System.Text.RegularExpressions;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

public sealed class PolicyCatalogTests
{
    [Fact]
    public void All_ImagePolicies_AreDiscoveredWithIssueDefaults()
    {
        var expected = new (string Id, Severity Severity, bool Enabled)[]
        {
            ("image-digest-required", Severity.Low, false),
            ("image-pull-policy-mutable", Severity.Medium, false),
            ("image-reference-invalid", Severity.High, true),
            ("image-registry-allowed", Severity.High, false),
            ("image-replica-drift", Severity.High, true),
            ("image-tag-floating", Severity.Medium, false),
            ("image-tag-latest", Severity.High, true),
            ("image-tag-missing", Severity.High, true),
            ("image-tag-moved", Severity.Medium, true),
        };

        var actual = PolicyCatalog.All.Where(p => p.Descriptor.Pack == "image")
            .Select(p => (p.Descriptor.Id, p.Descriptor.DefaultSeverity, p.Descriptor.DefaultEnabled));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void All_Descriptors_AreCompleteWithUniqueKebabIds()
    {
        Assert.NotEmpty(PolicyCatalog.All);
        Assert.Equal(PolicyCatalog.All.Count, PolicyCatalog.All.Select(p => p.Descriptor.Id).Distinct().Count());
        Assert.All(PolicyCatalog.All, p =>
        {
            var d = p.Descriptor;
            Assert.Matches(new Regex("^[a-z0-9]+(-[a-z0-9]+)+$"), d.Id);
            Assert.All(new[] { d.Title, d.Description, d.Rationale, d.Remediation, d.Category, d.Pack }, text => Assert.False(string.IsNullOrWhiteSpace(text)));
            Assert.Same(p, PolicyCatalog.Find(d.Id));
        });
    }

    [Fact]
    public void Find_UnknownId_ReturnsNull()
    {
        Assert.Null(PolicyCatalog.Find("image-tag-nope"));
    }
}
