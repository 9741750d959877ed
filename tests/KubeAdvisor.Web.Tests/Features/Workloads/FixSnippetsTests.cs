using KubeAdvisor.Core.Images;
using KubeAdvisor.Web.Features.Workloads;

namespace KubeAdvisor.Web.Tests.Features.Workloads;

/// <summary>
/// The snippets as FixSnippets wrote them when the per-policy lines were a switch in it: the templates now live in
/// the policy descriptors, and these expectations pin that the output did not change by a byte.
/// </summary>
public sealed class FixSnippetsTests
{
    private const string Deployment = "spec:\n  template:\n    spec:\n";

    [Theory]
    [InlineData("image-tag-missing")]
    [InlineData("image-tag-latest")]
    [InlineData("image-tag-floating")]
    public void Fix_TagPolicy_OffersAnImmutableTagOrADigestAndKeepsThePullPolicy(string policyId)
    {
        var yaml = FixSnippets.Fix("Deployment", policyId, "app", "Regular", "ghcr.io/acme/api:stable", "IfNotPresent");

        Assert.Equal(Deployment
            + "      containers:\n"
            + "        - name: app\n"
            + "          image: ghcr.io/acme/api:<version>   # an immutable release tag, e.g. ghcr.io/acme/api:1.4.2\n"
            + "          # or pinned: image: ghcr.io/acme/api:<version>@sha256:<digest>\n"
            + "          imagePullPolicy: IfNotPresent\n", yaml);
    }

    [Fact]
    public void Fix_DigestRequired_PinsTheTagByDigestInItsList()
    {
        var yaml = FixSnippets.Fix("StatefulSet", "image-digest-required", "setup", "Init", "nginx:1.27", null);

        Assert.Equal(Deployment
            + "      initContainers:\n"
            + "        - name: setup\n"
            + "          image: nginx:1.27@sha256:<digest>   # the digest that runs now: see the pod's status.containerStatuses[].imageID\n", yaml);
    }

    [Fact]
    public void Fix_PullPolicyMutable_SetsItsOwnPullPolicyInsteadOfTheContainers()
    {
        var yaml = FixSnippets.Fix("Deployment", "image-pull-policy-mutable", "api", "Regular", "registry.internal:5000/api:1.0", "IfNotPresent");

        Assert.Equal(Deployment
            + "      containers:\n"
            + "        - name: api\n"
            + "          image: registry.internal:5000/api:1.0@sha256:<digest>   # pinned: IfNotPresent is then safe\n"
            + "          # or, without a digest:\n"
            + "          imagePullPolicy: Always\n", yaml);
    }

    [Fact]
    public void Fix_RegistryAllowed_MirrorsTheRepositoryWithoutTheLatestTag()
    {
        var yaml = FixSnippets.Fix("CronJob", "image-registry-allowed", "job", "Regular", "docker.io/library/nginx:latest", null);

        Assert.Equal("spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            + "          containers:\n"
            + "            - name: job\n"
            + "              image: <allowed-registry>/library/nginx:<version>   # mirror the image into a registry of the cluster's allow-list\n", yaml);
    }

    [Fact]
    public void Fix_ReferenceInvalid_QuotesTheImageAndWhyItIsInvalid()
    {
        var yaml = FixSnippets.Fix("Pod", "image-reference-invalid", "web", "Ephemeral", "nginx:", "Always");

        Assert.Equal("spec:\n"
            + "  ephemeralContainers:\n"
            + "    - name: web\n"
            + $"      image: <registry>/<repository>:<tag>   # 'nginx:' is not a valid image reference: {ImageReference.Parse("nginx:").Error}\n"
            + "      imagePullPolicy: Always\n", yaml);
        Assert.False(string.IsNullOrEmpty(ImageReference.Parse("nginx:").Error));
    }

    [Theory]
    [InlineData("container-privileged")]
    [InlineData("no-such-policy")]
    public void Fix_PolicyWithoutTemplate_PointsAtTheRemediation(string policyId)
    {
        var yaml = FixSnippets.Fix("Deployment", policyId, null, null, null, null);

        Assert.Equal(Deployment
            + "      containers:\n"
            + "        - name: <container>\n"
            + "          image:    # see the remediation above\n", yaml);
    }
}
