using System.Text.RegularExpressions;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

public sealed class PolicyCatalogTests
{
    /// <summary>
    /// A guard against renames, not a list to keep in step: ids are stored with every finding and override, so each
    /// id that ever shipped must stay in the catalog. Adding a policy needs no edit here (append its id once it has
    /// shipped, if you like); defaults and packs are pinned by the generated docs/policies.md (PolicyDocsTests).
    /// </summary>
    private static readonly string[] ShippedIds =
    [
        "image-digest-required", "image-pull-policy-mutable", "image-reference-invalid", "image-registry-allowed",
        "image-replica-drift", "image-tag-floating", "image-tag-latest", "image-tag-missing", "image-tag-moved",
        "container-capabilities-dangerous", "container-capabilities-not-dropped", "container-cpu-limit-missing",
        "container-cpu-request-missing", "container-env-secret-literal", "container-host-port",
        "container-liveness-probe-missing", "container-memory-limit-missing", "container-memory-request-missing",
        "container-privilege-escalation-allowed", "container-privileged", "container-readiness-probe-missing",
        "container-root-filesystem-writable", "container-run-as-root", "container-seccomp-unconfined", "pod-host-ipc",
        "pod-host-network", "pod-host-path-volume", "pod-host-pid", "pod-service-account-token-automounted",
        "pod-without-controller", "workload-default-namespace", "workload-disruption-budget-missing",
        "workload-single-replica",
    ];

    [Fact]
    public void All_EveryShippedId_IsStillInTheCatalog()
    {
        var missing = ShippedIds.Where(id => PolicyCatalog.Find(id) is null);

        Assert.Empty(missing);
    }

    [Fact]
    public void Listed_ImagePackFirst_ThenPacksInOrder_ThenById()
    {
        var listed = PolicyPacks.Listed;

        Assert.Equal(PolicyCatalog.Descriptors.Count, listed.Count);
        Assert.Equal("image", listed[0].Pack);
        var keys = listed.Select(d => (Pack: PolicyPacks.Names.ToList().IndexOf(d.Pack), d.Id)).ToArray();
        Assert.All(keys, k => Assert.True(k.Pack >= 0, "every pack of the catalog is named in PolicyPacks.Names"));
        Assert.Equal(keys.OrderBy(k => k.Pack).ThenBy(k => k.Id, StringComparer.Ordinal), keys);
    }

    [Fact]
    public void Descriptors_FixedByDigestPin_AreContainerPolicies()
    {
        // The pin is an image line for one container: a workload-scoped policy has no container to pin.
        var pinned = PolicyCatalog.All.Where(p => p.Descriptor.FixedByDigestPin).ToArray();

        Assert.NotEmpty(pinned);
        Assert.All(pinned, p => Assert.Equal(PolicyScope.Container, p.Scope));
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
