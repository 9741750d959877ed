using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Admission;

public sealed class ValidatingAdmissionPolicyWriterTests
{
    // Every expressible policy enabled, with parameters and image globs, so that every generated shape is exercised.
    private static readonly ClusterPolicySettings Everything = AllEnabled(ClusterPolicySettings.Default with
    {
        ExcludedNamespaces = ["kube-system", "monitoring"],
        AllowedRegistries = ["ghcr.io/acme", "docker.io/library"],
        DigestExemptRegistries = ["registry.internal:5000"],
    }).WithPolicy("image-tag-latest", new PolicyOverride(Enabled: true, Severity: Severity.Critical, ExemptImages: ["registry.k8s.io/pause*", "nginx:*"]));

    [Fact]
    public void Write_Settings_ParsesAsAPolicyAndABindingThatReferencesIt()
    {
        var yaml = ValidatingAdmissionPolicyWriter.Write("Prod EU", Everything);
        var (policy, binding) = GeneratedPolicy.Parse(yaml);

        Assert.Equal(("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy"), (policy.ApiVersion, policy.Kind));
        Assert.Equal(("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding"), (binding.ApiVersion, binding.Kind));
        Assert.Equal("kubeadvisor-prod-eu", policy.Metadata.Name);
        Assert.Equal(policy.Metadata.Name, binding.Spec.PolicyName);
        Assert.Equal(["Deny"], binding.Spec.ValidationActions);
        var selector = Assert.Single(binding.Spec.MatchResources.NamespaceSelector.MatchExpressions);
        Assert.Equal(("kubernetes.io/metadata.name", "NotIn"), (selector.Key, selector.OperatorProperty));
        Assert.Equal(["kube-system", "monitoring"], selector.Values);
        Assert.Equal(AdmissionExportPlan.For(Everything).Included.Count, policy.Spec.Validations.Count);
        Assert.Contains(policy.Spec.MatchConstraints.ResourceRules, r => r.Resources.Contains("cronjobs") && r.ApiGroups.Contains("batch"));
        Assert.Contains(policy.Spec.Validations, v => v.Message.StartsWith("[image-tag-latest, critical] ", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_EveryExpression_CompilesWithTheCelPackage()
    {
        var (policy, _) = GeneratedPolicy.For(Everything);
        var expressions = VapCel.Expressions(policy).ToList();

        Assert.True(expressions.Count > 40, $"{expressions.Count} expressions");
        _ = new VapCel(policy); // compiles every one; throws on the first it cannot parse
    }

    [Theory]
    [InlineData(AdmissionAction.Warn, "Warn")]
    [InlineData(AdmissionAction.Audit, "Audit")]
    public void Write_Action_IsTheBindingsValidationAction(AdmissionAction action, string expected) =>
        Assert.Equal([expected], GeneratedPolicy.For(Everything, action).Binding.Spec.ValidationActions);

    [Fact]
    public void Write_MinimumSeverity_LeavesOutLowerSeverities()
    {
        var (policy, _) = GeneratedPolicy.Parse(ValidatingAdmissionPolicyWriter.Write("c", Everything, AdmissionAction.Deny, Severity.Critical));

        var critical = AdmissionExportPlan.For(Everything).Included.Count(p => p.Severity == Severity.Critical);
        Assert.InRange(critical, 2, AdmissionExportPlan.For(Everything).Included.Count - 1);
        Assert.Equal(critical, policy.Spec.Validations.Count);
        Assert.All(policy.Spec.Validations, v => Assert.Contains(", critical] ", v.Message, StringComparison.Ordinal));
        Assert.Contains(policy.Spec.Validations, v => v.Message.StartsWith("[image-tag-latest, critical]", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_NoExcludedNamespaces_BindingMatchesEveryNamespace()
    {
        var (_, binding) = GeneratedPolicy.For(ClusterPolicySettings.Default with { ExcludedNamespaces = [] });

        Assert.Null(binding.Spec.MatchResources);
    }

    [Fact]
    public void Review_LatestDeploymentAndExemptions_DeniedWithTheFixUnlessExempt()
    {
        var cel = new VapCel(GeneratedPolicy.For(ClusterPolicySettings.Default).Policy);
        var manifest = """
            apiVersion: apps/v1
            kind: CronJob
            metadata: {name: nightly, namespace: shop}
            spec:
              schedule: "0 1 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: job, image: "ghcr.io/acme/job:latest"}]
            """.Replace("apps/v1", "batch/v1", StringComparison.Ordinal);
        var job = Kubernetes.Manifests.ManifestLoader.Parse(manifest).Single();

        var message = Assert.Single(cel.Review(job)!);
        Assert.Equal("[image-tag-latest, high] container job uses the tag 'latest', which every push overwrites. Fix: "
            + "Replace 'latest' with an immutable version tag (image: nginx:1.27.3) or pin a digest (image: nginx@sha256:…).", message);

        var exempt = Kubernetes.Manifests.ManifestLoader.Parse(manifest.Replace("metadata: {name: nightly, namespace: shop}",
            "metadata: {name: nightly, namespace: shop, annotations: {kubeadvisor.io/exempt: 'image-tag-missing, image-tag-latest'}}",
            StringComparison.Ordinal)).Single();
        Assert.Empty(cel.Review(exempt)!);
        var ignored = new VapCel(GeneratedPolicy.For(ClusterPolicySettings.Default with { ExemptAnnotations = ExemptAnnotationMode.Ignore }).Policy);
        Assert.Single(ignored.Review(exempt)!);
    }

    [Fact]
    public void Review_UpdateWithTheSameTemplate_IsNotJudged()
    {
        var cel = new VapCel(GeneratedPolicy.For(ClusterPolicySettings.Default).Policy);
        var deployment = Kubernetes.Manifests.ManifestLoader.Parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """).Single();

        Assert.Null(cel.Review(deployment, "UPDATE", deployment));
        Assert.Single(cel.Review(deployment, "CREATE")!);
    }

    private static ClusterPolicySettings AllEnabled(ClusterPolicySettings settings)
    {
        foreach (var d in PolicyCatalog.Descriptors)
        {
            settings = settings.WithPolicy(d.Id, new PolicyOverride(Enabled: true));
        }

        return settings;
    }
}
