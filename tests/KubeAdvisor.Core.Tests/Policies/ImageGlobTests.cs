using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

public sealed class ImageGlobTests
{
    [Theory]
    [InlineData("registry.k8s.io/pause*", "registry.k8s.io/pause:3.9", true)]
    [InlineData("registry.k8s.io/pause*", "registry.k8s.io/etcd:3.5", false)]
    [InlineData("*", "anything/at:all", true)]
    [InlineData("*/pause:*", "registry.k8s.io/pause:3.9", true)]
    [InlineData("nginx:1.2?", "nginx:1.25", true)]
    [InlineData("nginx:1.2?", "nginx:1.2", false)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("", "", true)]
    [InlineData("Nginx*", "nginx:1", false)]
    public void IsMatch_Pattern_MatchesWholeText(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, ImageGlob.IsMatch(pattern, text));
    }
}
