using KubeAdvisor.Core.Images;

namespace KubeAdvisor.Core.Tests.Images;

public sealed class ImageReferenceTests
{
    public static IEnumerable<object?[]> Table => ImageCases.Rows();

    [Fact]
    public void Table_HasAtLeastFortyReferences_CoversValidAndInvalid()
    {
        Assert.True(ImageCases.All.Length >= 40);
        Assert.Contains(ImageCases.All, c => c.Repository is null);
        Assert.Contains(ImageCases.All, c => c.Repository is not null);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Parse_ReferenceTable_MatchesExpectedParts(string image, string? registry, string? repository, string? tag, string? digest, string verdicts)
    {
        _ = verdicts;
        var reference = ImageReference.Parse(image);

        Assert.Equal(repository is not null, reference.IsValid);
        if (!reference.IsValid)
        {
            Assert.False(string.IsNullOrWhiteSpace(reference.Error));
            return;
        }

        Assert.Null(reference.Error);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
        Assert.Equal(image, reference.Original);
    }

    [Theory]
    [InlineData("nginx:", "tag after ':' is empty")]
    [InlineData("Nginx:1.0", "must be lowercase")]
    [InlineData("app@sha256:abc", "exactly 64 lowercase hex")]
    [InlineData("a:b:c", "more than one ':'")]
    [InlineData("", "empty")]
    [InlineData(" nginx", "whitespace")]
    [InlineData("nginx\t", "whitespace")]
    [InlineData("nginx@md5:0123456789abcdef0123456789abcdef", "not supported")]
    [InlineData("app..name:1", "not a valid separator")]
    [InlineData("localhost:/app", "port '' must be digits")]
    [InlineData("[::1/app", "no closing ']'")]
    [InlineData("nginx:-1", "must start with a letter, a digit or '_'")]
    [InlineData("a//b", "empty component")]
    public void Parse_InvalidReference_ExplainsReason(string image, string reason)
    {
        var reference = ImageReference.Parse(image);

        Assert.False(reference.IsValid);
        Assert.Contains(reason, reference.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest", "docker.io/library/nginx", "docker.io")]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27", "docker.io/library/nginx", "docker.io")]
    [InlineData("bitnami/redis", "docker.io/bitnami/redis:latest", "docker.io/bitnami/redis", "docker.io")]
    [InlineData("index.docker.io/nginx:1", "docker.io/library/nginx:1", "docker.io/library/nginx", "docker.io")]
    [InlineData("nginx@" + ImageCases.Sha, "docker.io/library/nginx@" + ImageCases.Sha, "docker.io/library/nginx", "docker.io")]
    [InlineData("nginx:1.0@" + ImageCases.Sha, "docker.io/library/nginx:1.0@" + ImageCases.Sha, "docker.io/library/nginx", "docker.io")]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest", "localhost:5000/app", "localhost:5000")]
    [InlineData("[::1]:5000/a/b:2", "[::1]:5000/a/b:2", "[::1]:5000/a/b", "[::1]:5000")]
    [InlineData("localhost/app", "localhost/app:latest", "localhost/app", "localhost")]
    public void Normalized_ValidReference_IsFullyQualified(string image, string normalized, string fullRepository, string registry)
    {
        var reference = ImageReference.Parse(image);

        Assert.Equal(normalized, reference.Normalized);
        Assert.Equal(fullRepository, reference.FullRepository);
        Assert.Equal(registry, reference.RegistryOrDefault);
    }

    [Fact]
    public void Normalized_InvalidReference_IsTheOriginalText()
    {
        var reference = ImageReference.Parse("Nginx:1.0");

        Assert.Equal("Nginx:1.0", reference.Normalized);
        Assert.Equal(string.Empty, reference.FullRepository);
        Assert.Equal(string.Empty, reference.Repository);
    }

    [Theory]
    [InlineData("localhost:5000/app", "5000")]
    [InlineData("[::1]:5000/app", "5000")]
    [InlineData("registry.internal:443/a:1", "443")]
    [InlineData("localhost/app", null)]
    [InlineData("nginx:5000", null)]
    public void Port_RegistryWithOrWithoutPort_IsReportedSeparatelyFromTag(string image, string? port)
    {
        var reference = ImageReference.Parse(image);

        Assert.Equal(port, reference.Port);
        Assert.Equal(port is not null, reference.HasPort);
    }

    [Fact]
    public void Parse_Null_IsInvalidWithoutThrowing()
    {
        var reference = ImageReference.Parse(null);

        Assert.False(reference.IsValid);
        Assert.Equal(string.Empty, reference.Original);
    }

    [Fact]
    public void Default_Struct_IsInvalidAndEmpty()
    {
        var reference = default(ImageReference);

        Assert.False(reference.IsValid);
        Assert.NotNull(reference.Error);
        Assert.Equal(string.Empty, reference.Normalized);
    }

    [Fact]
    public void Equals_SameText_AreEqual()
    {
        Assert.Equal(ImageReference.Parse("nginx:1"), ImageReference.Parse("nginx:1"));
        Assert.NotEqual(ImageReference.Parse("nginx:1"), ImageReference.Parse("nginx:2"));
    }
}
