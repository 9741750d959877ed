namespace KubeAdvisor.Agent.Tests.Architecture;

/// <summary>The agent runs in the cluster as a small NativeAOT process: it uses Core and Kubernetes, never the web app or the database.</summary>
public sealed class AgentBoundaryTests
{
    [Fact]
    public void Agent_ReferencesNeitherWebNorData()
    {
        var references = typeof(SnapshotUploader).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.Contains("KubeAdvisor.Kubernetes", references);
        Assert.DoesNotContain("KubeAdvisor.Web", references);
        Assert.DoesNotContain("KubeAdvisor.Data", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || r == "KubernetesClient");
    }
}
