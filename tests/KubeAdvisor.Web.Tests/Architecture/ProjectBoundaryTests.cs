using Assembly = System.Reflection.Assembly;

namespace KubeAdvisor.Web.Tests.Architecture;

/// <summary>
/// Which project may use what (docs: README "Architecture at a glance"). Core is the pure domain: no I/O, web,
/// database or Kubernetes package; Data never knows the web app; Kubernetes never knows the database or the web app.
/// Checked on the compiled assemblies' references (an ArchUnitNET rule on types of other assemblies' namespaces passed
/// even when pointed at a namespace Core does use, so it could not fail).
/// </summary>
public sealed class ProjectBoundaryTests
{
    private static readonly Assembly Core = typeof(KubeAdvisor.Core.Policies.PolicyCatalog).Assembly;
    private static readonly Assembly Kubernetes = typeof(KubeAdvisor.Kubernetes.Collection.ClusterCollector).Assembly;
    private static readonly Assembly Data = typeof(KubeAdvisor.Data.KubeAdvisorDbContext).Assembly;

    private static readonly string[] IoPackages =
    [
        "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Npgsql", "KubernetesClient", "Hangfire", "MudBlazor", "YamlDotNet",
        "System.Net.Http", "System.Net.Sockets",
    ];

    [Fact]
    public void Core_ReferencesNoIoWebDatabaseOrKubernetesPackage()
    {
        Assert.DoesNotContain(References(Core), r => IoPackages.Any(p => r.StartsWith(p, StringComparison.Ordinal)));
        Assert.DoesNotContain("KubeAdvisor.Kubernetes", References(Core));
        Assert.DoesNotContain("KubeAdvisor.Data", References(Core));
    }

    [Fact]
    public void Data_DoesNotReferenceWebOrKubernetes()
    {
        Assert.DoesNotContain("KubeAdvisor.Web", References(Data));
        Assert.DoesNotContain("KubeAdvisor.Kubernetes", References(Data));
    }

    [Fact]
    public void Kubernetes_DoesNotReferenceWebOrData()
    {
        Assert.DoesNotContain("KubeAdvisor.Web", References(Kubernetes));
        Assert.DoesNotContain("KubeAdvisor.Data", References(Kubernetes));
        Assert.DoesNotContain(References(Kubernetes), r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || r.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    internal static List<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
}
