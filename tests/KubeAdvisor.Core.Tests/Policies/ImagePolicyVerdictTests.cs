using KubeAdvisor.Core.Images;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Tests.Images;

namespace KubeAdvisor.Core.Tests.Policies;

public sealed class ImagePolicyVerdictTests
{
    private static readonly PolicyParameters Parameters = PolicyParameters.From(ClusterPolicySettings.Default with
    {
        AllowedRegistries = ImageCases.AllowedRegistries,
        DigestExemptRegistries = ImageCases.DigestExemptRegistries,
    });

    public static IEnumerable<object?[]> Table => ImageCases.Rows();

    [Theory]
    [MemberData(nameof(Table))]
    public void Evaluate_ReferenceTable_GivesExpectedVerdictPerPolicy(string image, string? registry, string? repository, string? tag, string? digest, string verdicts)
    {
        _ = (registry, repository, tag, digest);

        var actual = string.Concat(ImageCases.PolicyOrder.Select(id => Verdict(id, image)));

        Assert.Equal(verdicts, actual);
    }

    [Theory]
    [InlineData("image-tag-missing", "registry.internal:5000/api", null, "image registry.internal:5000/api has no tag — 5000 is the registry port, not a tag")]
    [InlineData("image-tag-missing", "nginx", null, "image nginx has no tag and no digest, so it runs whatever docker.io/library/nginx:latest is when a node pulls it")]
    [InlineData("image-tag-latest", "nginx:Latest", null, "image nginx:Latest uses the tag 'Latest', which every push overwrites")]
    [InlineData("image-reference-invalid", "nginx:", null, "image 'nginx:' is not a valid reference: the tag after ':' is empty")]
    [InlineData("image-tag-floating", "app:main", null, "image app:main uses the floating tag 'main', which moves to new builds")]
    [InlineData("image-registry-allowed", "docker.io/library-evil/x:1", null, "image docker.io/library-evil/x:1 comes from docker.io/library-evil/x, which is not under an allowed prefix (docker.io/library, registry.internal:5000, ghcr.io/acme, [::1]:5000)")]
    [InlineData("image-pull-policy-mutable", "nginx:1.2", null, "image nginx:1.2 is not pinned by digest and its imagePullPolicy defaults to IfNotPresent for the tag '1.2': nodes keep the build they pulled first")]
    [InlineData("image-pull-policy-mutable", "nginx:latest", "Never", "image nginx:latest is not pinned by digest and its imagePullPolicy is Never: nodes keep the build they pulled first")]
    public void Evaluate_FailingImage_MessageNamesTheProblem(string policyId, string image, string? pullPolicy, string message)
    {
        var result = Evaluate(policyId, image, pullPolicy);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Equal(message, result.Message);
    }

    [Theory]
    [InlineData("nginx:1.2", "Always", CheckOutcome.Pass)]
    [InlineData("nginx:1.2", "IfNotPresent", CheckOutcome.Fail)]
    [InlineData("nginx", "IfNotPresent", CheckOutcome.Fail)]
    [InlineData("nginx:latest", null, CheckOutcome.Pass)]
    [InlineData("nginx@" + ImageCases.Sha, "Never", CheckOutcome.Pass)]
    [InlineData("nginx:1.2@" + ImageCases.Sha, "IfNotPresent", CheckOutcome.Pass)]
    [InlineData("nginx:1.2", "Sometimes", CheckOutcome.Fail)]
    public void Evaluate_PullPolicyMutable_FollowsKubernetesDefaults(string image, string? pullPolicy, CheckOutcome expected)
    {
        Assert.Equal(expected, Evaluate("image-pull-policy-mutable", image, pullPolicy).Outcome);
    }

    [Fact]
    public void Evaluate_RegistryAllowedWithEmptyList_FailsClosed()
    {
        var empty = PolicyParameters.From(ClusterPolicySettings.Default);
        var policy = (ContainerPolicy)PolicyCatalog.Find("image-registry-allowed")!;

        var result = policy.Evaluate(Context("nginx:1", null, empty));

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Contains("allow-list is empty", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FloatingTagsFromSettings_UsesTheClusterList()
    {
        var custom = PolicyParameters.From(ClusterPolicySettings.Default with { FloatingTags = ["rolling"] });
        var policy = (ContainerPolicy)PolicyCatalog.Find("image-tag-floating")!;

        Assert.Equal(CheckOutcome.Fail, policy.Evaluate(Context("app:Rolling", null, custom)).Outcome);
        Assert.Equal(CheckOutcome.Pass, policy.Evaluate(Context("app:nightly", null, custom)).Outcome);
    }

    private static char Verdict(string policyId, string image)
    {
        var result = Evaluate(policyId, image, null);
        return !result.Applies ? '-' : result.Outcome switch
        {
            CheckOutcome.Pass => 'P',
            CheckOutcome.Fail => 'F',
            _ => 'S',
        };
    }

    private static CheckResult Evaluate(string policyId, string image, string? pullPolicy)
    {
        var policy = (ContainerPolicy)PolicyCatalog.Find(policyId)!;
        return policy.Evaluate(Context(image, pullPolicy, Parameters));
    }

    private static ContainerContext Context(string image, string? pullPolicy, PolicyParameters parameters)
    {
        var container = TestSnapshots.Container("app", image, pullPolicy: pullPolicy);
        return new ContainerContext(TestSnapshots.Workload("w", [container]), container, ResolvedImage.Resolve(image), parameters);
    }
}
