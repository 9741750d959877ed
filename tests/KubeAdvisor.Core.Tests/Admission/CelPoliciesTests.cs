using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Admission;

public sealed class CelPoliciesTests
{
    [Fact]
    public void Catalog_EveryPolicy_IsExpressedOrListedAsNotExpressibleWithAReason()
    {
        var unclassified = PolicyCatalog.Descriptors.Select(d => d.Id)
            .Where(id => CelPolicies.IsExpressible(id) == CelPolicies.NotExpressible.ContainsKey(id));

        Assert.Empty(unclassified);
        Assert.All(CelPolicies.NotExpressible.Keys, id => Assert.NotNull(PolicyCatalog.Find(id)));
        Assert.All(CelPolicies.NotExpressible.Values, reason => Assert.True(reason.Length > 40, reason));
    }

    [Theory]
    [InlineData("image-replica-drift")]
    [InlineData("image-tag-moved")]
    [InlineData("workload-disruption-budget-missing")]
    public void NotExpressible_RunningStateAndOtherObjects_AreLeftOut(string id) =>
        Assert.False(CelPolicies.IsExpressible(id));
}
