using System.Xml.Linq;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Testing;

namespace KubeAdvisor.Agent.Tests.Architecture;

/// <summary>
/// The NativeAOT agent keeps the policy types by the namespaces its PolicyTypes.xml descriptor roots (PolicyCatalog finds
/// them by reflection). A policy in a new namespace would be trimmed away and silently not judged at admission: this
/// fails first, in the JIT build; NativeAgentTests then compares the published agent's catalog with this one.
/// </summary>
public sealed class PolicyTrimmingTests
{
    [Fact]
    public void EveryPolicyNamespace_IsRootedByTheAgentsDescriptor()
    {
        var rooted = XDocument.Parse(RepositoryFiles.Read("src/KubeAdvisor.Agent/PolicyTypes.xml"))
            .Descendants("namespace").Select(n => (string)n.Attribute("fullname")!).ToHashSet(StringComparer.Ordinal);
        var needed = PolicyCatalog.All.Select(p => p.GetType().Namespace!).Distinct().Order().ToList();

        Assert.NotEmpty(needed);
        Assert.All(needed, n => Assert.Contains(n, rooted));
        Assert.DoesNotContain("KubeAdvisor.Core.Policies", rooted); // the base namespace holds reflection-based JSON the trimmed build must not keep
    }
}
