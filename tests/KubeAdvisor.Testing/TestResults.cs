namespace KubeAdvisor.Testing;

/// <summary>Where tests put screenshots and other artifacts (./test.sh sets KUBEADVISOR_TEST_RESULTS).</summary>
public static class TestResults
{
    public static string Directory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("KUBEADVISOR_TEST_RESULTS")
                ?? Path.Combine(Path.GetTempPath(), "kubeadvisor-test-results");
            System.IO.Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static string PathFor(string fileName) => Path.Combine(Directory, fileName);
}
