using Cel;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Images;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Admission;

/// <summary>
/// The image grammar, registry prefixes and image globs in CEL against the C# they copy (ImageReference,
/// PolicyParameters.IsUnderPrefix, ImageGlob on the written and normalized forms), over references chosen for their
/// edges, run with the Cel package.
/// </summary>
public sealed class ImageCelTests
{
    public static readonly string[] References =
    [
        "nginx", "nginx:1.27", "nginx:latest", "nginx:LATEST", "library/nginx:1", "docker.io/nginx", "docker.io/library/nginx:1",
        "Docker.IO/nginx:1", "index.docker.io/team/app", "index.docker.io/nginx@sha256:" + new string('a', 64),
        "localhost:5000/app", "localhost/app:1", "localhost:5000/app:v1", "registry.internal:5000/team/api:1.4.2",
        "ghcr.io/acme/api:1@sha256:" + new string('b', 64), "ghcr.io/acme-evil/api:1", "[::1]:5000/app:1", "MyReg/app",
        "a.b_c/app", "nginx:", "Nginx:1.0", "app@sha256:abc", "a:b:c", "", " nginx", "nginx:1\n", "my--app/x", "my__app", "my___app",
        "a/b//c", new string('a', 64), new string('a', 64) + ":1", "app:" + new string('t', 128), "app:" + new string('t', 129),
        "app@sha512:" + new string('c', 128), "app@md5:" + new string('d', 32), new string('a', 250) + "/" + new string('b', 10),
        "registry.internal:5000/" + new string('x', 240) + ":1", "-bad.host/app", "host-/app", "[zz]:5000/app", "app:-1", "app:_1",
    ];

    private readonly CelEnvironment _env = new([], "");

    public static TheoryData<string> Each => new(References);

    [Theory]
    [MemberData(nameof(Each))]
    public void IsValid_Reference_AgreesWithTheParser(string image) =>
        Assert.Equal(ImageReference.Parse(image).IsValid, Run(ImageCel.IsValid("i"), image));

    [Theory]
    [InlineData("docker.io/library")]
    [InlineData("docker.io")]
    [InlineData("index.docker.io/team")]
    [InlineData("DOCKER.io/library/nginx")]
    [InlineData("registry.internal:5000")]
    [InlineData("registry.internal")]
    [InlineData("ghcr.io/acme")]
    [InlineData("localhost")]
    [InlineData("myreg/app")]
    public void RegistryPrefix_EveryValidReference_AgreesWithIsUnderPrefix(string prefix)
    {
        var normalized = PolicyParameters.From(ClusterPolicySettings.Default with { AllowedRegistries = [prefix] }).AllowedRegistries[0];
        var expression = ImageCel.NormalizedMatches("i", new RegistryPrefixPattern(normalized));
        foreach (var image in References.Where(r => ImageReference.Parse(r).IsValid))
        {
            var expected = PolicyParameters.IsUnderPrefix(ResolvedImage.Resolve(image).FullRepository, normalized);
            Assert.True(expected == Run(expression, image), $"{prefix} / {image}: expected {expected}");
        }
    }

    [Theory]
    [InlineData("nginx*")]
    [InlineData("docker.io/library/nginx*")]
    [InlineData("*/library/*:latest")]
    [InlineData("docker.io/*")]
    [InlineData("*nginx:1?27")]
    [InlineData("index.docker.io/*")]
    [InlineData("docker.io/team/app:latest")]
    [InlineData("registry.internal:5000/team/*")]
    [InlineData("*")]
    public void ImageGlob_EveryValidReference_AgreesWithTheWrittenOrNormalizedMatch(string glob)
    {
        var pattern = new ImageGlobPattern(glob);
        var expression = $"i.matches({CelText.Quote(pattern.Whole)}) || {ImageCel.NormalizedMatches("i", pattern)}";
        foreach (var image in References.Where(r => ImageReference.Parse(r).IsValid))
        {
            var expected = ImageGlob.IsMatch(glob, image) || ImageGlob.IsMatch(glob, ResolvedImage.Resolve(image).Normalized);
            Assert.True(expected == Run(expression, image), $"{glob} / {image}: expected {expected}");
        }
    }

    private bool Run(string expression, string image) =>
        (bool)_env.Compile(expression).Invoke(new Dictionary<string, object?> { ["i"] = image })!;
}
