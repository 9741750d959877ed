using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Manifests;
using KubeAdvisor.Kubernetes.Tests.Collection.Streaming;

namespace KubeAdvisor.Kubernetes.Tests.Manifests;

/// <summary>
/// ManifestLoader reads through the production item readers. Every policy fixture, the demo manifests and the
/// deploy manifests must give exactly the snapshot the V1 mapping (the test oracle) gives for the same objects, so the
/// fixtures' verdicts are the verdicts of a live scan.
/// </summary>
public sealed class ManifestLoaderOracleTests
{
    internal static readonly string RepositoryRoot = FindRoot();

    public static TheoryData<string> ManifestFiles() => new(ManifestPaths());

    /// <summary>The policy fixtures, the demo manifests and the deploy manifests, relative to the repository.</summary>
    internal static IReadOnlyList<string> ManifestPaths()
    {
        var folders = new[] { "tests/KubeAdvisor.Core.Tests/Policies/Fixtures", "src/KubeAdvisor.DemoCluster/Manifests", "deploy" };
        return folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, f), "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(RepositoryRoot, f)).ToList();
    }

    [Fact]
    public void ManifestFiles_AreFound()
    {
        var count = ManifestFiles().Count;
        Assert.True(count > 100, $"{count} manifest files");
    }

    [Theory]
    [MemberData(nameof(ManifestFiles))]
    public void Load_EveryManifestFile_EqualsTheV1Oracle(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryRoot, file));

        var loaded = ManifestLoader.Load(yaml, "reference", DateTimeOffset.UnixEpoch);

        SnapshotAssert.Equivalent(SnapshotAssert.FromV1(ManifestLoader.Parse(yaml)), loaded);
    }

    [Fact]
    public void Load_DemoCluster_AsServedEqualsTheV1Oracle()
    {
        var objects = DemoManifests.LoadAll();
        var builder = new Core.Inventory.InventoryBuilder();
        foreach (var o in objects)
        {
            ManifestLoader.AddTo(builder, k8s.KubernetesYaml.Serialize(o));
        }

        SnapshotAssert.Equivalent(SnapshotAssert.FromV1(objects), builder.Build("reference", DateTimeOffset.UnixEpoch, null));
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KubeAdvisor.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("KubeAdvisor.sln not found above the test binaries.");
    }
}
