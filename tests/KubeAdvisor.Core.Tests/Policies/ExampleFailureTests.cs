using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Core.Tests.Policies;

/// <summary>The example failures the docs show are the messages the policies write (for those judged on the spec alone).</summary>
public sealed class ExampleFailureTests
{
    [Theory]
    [InlineData("image-tag-missing", "registry.internal:5000/api")]
    [InlineData("image-reference-invalid", "nginx:")]
    public void ExampleFailure_SpecOnlyPolicy_IsTheMessageItWrites(string policyId, string image)
    {
        var policy = PolicyCatalog.Find(policyId)!;
        var manifest = $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: examples
              uid: uid-web
            spec:
              containers:
                - name: app
                  image: "{{image}}"
            """;
        var settings = ClusterPolicySettings.Default.WithPolicy(policyId, new PolicyOverride(Enabled: true));

        var result = PolicyEvaluator.Evaluate(ManifestLoader.Load(manifest), settings, [policy], DigestHistory.Empty);

        Assert.Equal([policy.Descriptor.ExampleFailure], result.Findings.Select(f => f.Message));
    }
}
