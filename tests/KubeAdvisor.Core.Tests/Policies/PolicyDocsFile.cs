using KubeAdvisor.Core.Compliance;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

/// <summary>
/// A generated doc as the docs tests read it: the committed file (copied next to the tests), or, when
/// KUBEADVISOR_WRITE_DOCS=1, freshly rendered from the descriptors and written over the committed file first.
/// </summary>
internal sealed class PolicyDocsFile
{
    private readonly string _name;
    private readonly Lazy<string> _content;

    private PolicyDocsFile(string name, string generated)
    {
        _name = name;
        Generated = generated;
        _content = new(Load);
    }

    /// <summary>docs/policies.md.</summary>
    public static PolicyDocsFile Policies { get; } = new("policies.md", PolicyDocs.Render(PolicyPacks.Listed));

    /// <summary>docs/compliance.md.</summary>
    public static PolicyDocsFile Compliance { get; } = new("compliance.md", ComplianceDocs.Render(PolicyPacks.Listed));

    public static bool Writing => Environment.GetEnvironmentVariable("KUBEADVISOR_WRITE_DOCS") == "1";

    public string Generated { get; }

    public string Text => _content.Value;

    private string Load()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "docs", _name);
        if (Writing)
        {
            File.WriteAllText(Path.Combine(RepositoryRoot(), "docs", _name), Generated);
            Directory.CreateDirectory(Path.GetDirectoryName(copied)!);
            File.WriteAllText(copied, Generated);
        }

        Assert.True(File.Exists(copied), $"docs/{_name} was not copied to {copied}");
        return File.ReadAllText(copied);
    }

    private string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubeAdvisor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No KubeAdvisor.sln above {AppContext.BaseDirectory}: cannot write docs/{_name}.");
    }
}
