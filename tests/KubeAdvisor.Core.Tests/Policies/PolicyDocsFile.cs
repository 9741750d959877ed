using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

/// <summary>
/// docs/policies.md as the docs tests read it: the committed file (copied next to the tests), or, when
/// KUBEADVISOR_WRITE_DOCS=1, freshly rendered from the descriptors and written over the committed file first.
/// </summary>
internal static class PolicyDocsFile
{
    private static readonly string CopiedPath = Path.Combine(AppContext.BaseDirectory, "docs", "policies.md");
    private static readonly Lazy<string> Content = new(Load);

    public static bool Writing => Environment.GetEnvironmentVariable("KUBEADVISOR_WRITE_DOCS") == "1";

    public static string Generated { get; } = PolicyDocs.Render(PolicyPacks.Listed);

    public static string Text => Content.Value;

    private static string Load()
    {
        if (Writing)
        {
            File.WriteAllText(Path.Combine(RepositoryRoot(), "docs", "policies.md"), Generated);
            Directory.CreateDirectory(Path.GetDirectoryName(CopiedPath)!);
            File.WriteAllText(CopiedPath, Generated);
        }

        Assert.True(File.Exists(CopiedPath), $"docs/policies.md was not copied to {CopiedPath}");
        return File.ReadAllText(CopiedPath);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubeAdvisor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No KubeAdvisor.sln above {AppContext.BaseDirectory}: cannot write docs/policies.md.");
    }
}
