namespace KubeAdvisor.Testing;

/// <summary>Files of this repository, found from the test's output folder upwards (where KubeAdvisor.sln is).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubeAdvisor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KubeAdvisor.sln was not found above " + AppContext.BaseDirectory);
    }
}
