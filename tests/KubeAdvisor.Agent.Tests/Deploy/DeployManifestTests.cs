using System.Text.RegularExpressions;
using KubeAdvisor.Testing;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Agent.Tests.Deploy;

/// <summary>
/// Our own deployables pass our own policies, every one of them switched on. Exemptions are only those written in
/// the manifests' kubeadvisor.io/exempt annotations (with their reasons beside them) and asserted here one by one.
/// </summary>
public sealed partial class DeployManifestTests
{
    private static readonly ClusterPolicySettings Everything = new()
    {
        Packs = new Dictionary<string, bool> { ["security"] = true, ["reliability"] = true, ["efficiency"] = true },
        Policies = PolicyCatalog.Descriptors.ToDictionary(d => d.Id, _ => new PolicyOverride(Enabled: true)),
        ExcludedNamespaces = [],
        // image-registry-allowed needs an allow-list to mean anything: the registries we publish to and build from.
        AllowedRegistries = ["docker.io/kubeadvisor", "mcr.microsoft.com/dotnet", "docker.io/library/postgres"],
    };

    // The admission webhook's manifests (deploy/agent/admission) too: kinds the inventory does not read (the webhook
    // configuration, cert-manager's) are loaded and skipped; the Service, Secret and NetworkPolicy are judged as any.
    public static TheoryData<string> Manifests => new(Directory.GetFiles(RepositoryFiles.PathOf("deploy/agent"), "*.yaml", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(RepositoryFiles.Root, p)).Append("deploy/scanner-rbac.yaml").Order());

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Manifest_AllPoliciesEnabled_HasNoFindings(string file)
    {
        var result = PolicyEvaluator.Evaluate(ManifestLoader.Load(RepositoryFiles.Read(file)), Everything);

        Assert.Empty(result.Findings.Select(f => $"{f.WorkloadName}/{f.ContainerName}: {f.PolicyId} — {f.Message}"));
    }

    [Fact]
    public void AgentDeployment_IsCheckedByEveryPolicy_AndExemptOnlyFromTheDocumentedFour()
    {
        var result = PolicyEvaluator.Evaluate(ManifestLoader.Load(RepositoryFiles.Read("deploy/agent/deployment.yaml")), Everything);

        var exempt = result.Tallies.Where(t => t.Exempt > 0).Select(t => t.PolicyId).Order().ToList();
        Assert.Equal(["image-digest-required", "pod-service-account-token-automounted", "workload-priority-class-missing", "workload-single-replica"], exempt);
        Assert.True(result.Tallies.Count(t => t.Passed > 0) >= 15, $"only {result.Tallies.Count(t => t.Passed > 0)} policies passed: too few applied");
    }

    [Fact]
    public void AdmissionWebhook_NeverBlocksTheClusterAlone_AndSkipsTheControlPlaneAndItsOwnNamespace()
    {
        var config = k8s.KubernetesYaml.Deserialize<k8s.Models.V1ValidatingWebhookConfiguration>(RepositoryFiles.Read("deploy/agent/admission/webhook.yaml"));

        var hook = Assert.Single(config.Webhooks);
        Assert.Equal(("Ignore", 2, "None"), (hook.FailurePolicy, hook.TimeoutSeconds, hook.SideEffects));
        Assert.Equal(["v1"], hook.AdmissionReviewVersions);
        Assert.Equal(("kubeadvisor-agent-admission", "kubeadvisor-agent", "/validate"), (hook.ClientConfig.Service.Name, hook.ClientConfig.Service.NamespaceProperty, hook.ClientConfig.Service.Path));
        var excluded = Assert.Single(hook.NamespaceSelector.MatchExpressions);
        Assert.Equal(("kubernetes.io/metadata.name", "NotIn"), (excluded.Key, excluded.OperatorProperty));
        Assert.Equal(["kube-system", "kubeadvisor-agent"], excluded.Values.Order());
        Assert.Equal(["cronjobs", "daemonsets", "deployments", "jobs", "pods", "replicasets", "statefulsets"], hook.Rules.SelectMany(r => r.Resources).Order());
        Assert.All(hook.Rules, r => Assert.Equal(["CREATE", "UPDATE"], r.Operations));
    }

    [Fact]
    public void AgentRbac_StaysReadOnly_WithTheWebhook()
    {
        var verbs = VerbLine().Matches(RepositoryFiles.Read("deploy/agent/rbac.yaml")).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)).Distinct().Order();

        Assert.Equal(["\"get\"", "\"list\""], verbs);
        Assert.All(Directory.GetFiles(RepositoryFiles.PathOf("deploy/agent/admission"), "*.yaml"),
            f => Assert.DoesNotContain("kind: ClusterRole", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public void ReportsRbac_GrantsOnlyTheOpenReportsObjects_AndBindsTheAgent()
    {
        var docs = RepositoryFiles.Read("deploy/agent/reports-rbac.yaml").Split("\n---\n");
        var role = k8s.KubernetesYaml.Deserialize<k8s.Models.V1ClusterRole>(docs[0]);
        var binding = k8s.KubernetesYaml.Deserialize<k8s.Models.V1ClusterRoleBinding>(docs[1]);

        var rule = Assert.Single(role.Rules);
        Assert.Equal(["openreports.io"], rule.ApiGroups);
        Assert.Equal(["clusterreports", "reports"], rule.Resources.Order());
        Assert.Equal(["create", "delete", "get", "list", "patch", "update"], rule.Verbs.Order());
        Assert.Equal((role.Metadata.Name, "ClusterRole"), (binding.RoleRef.Name, binding.RoleRef.Kind));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", "kubeadvisor-agent", "kubeadvisor-agent"), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }

    [Theory]
    [InlineData("Dockerfile")]
    [InlineData("deploy/agent/Dockerfile")]
    [InlineData("docker-compose.yml")]
    public void Images_OfOurBuildAndCompose_PassTheImagePolicies(string file)
    {
        var images = ImagesOf(file);
        Assert.NotEmpty(images);

        // Base images are pinned by version tag, not digest (README "Docker compose"): the one documented exemption.
        var yaml = string.Join("\n---\n", images.Select((image, i) => ImageProbe(i, image)));
        var findings = PolicyEvaluator.Evaluate(ManifestLoader.Load(yaml), Everything).Findings
            .Where(f => f.PolicyId.StartsWith("image-", StringComparison.Ordinal));

        Assert.Empty(findings.Select(f => $"{f.Image}: {f.PolicyId} — {f.Message}"));
    }

    private static List<string> ImagesOf(string file)
    {
        var text = RepositoryFiles.Read(file);
        var regex = file.EndsWith("Dockerfile", StringComparison.Ordinal) ? FromLine() : ComposeImage();
        return regex.Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    private static string ImageProbe(int i, string image) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: image-{{i}}
          namespace: images
          annotations: {kubeadvisor.io/exempt: image-digest-required}
        spec:
          containers:
          - name: c
            image: "{{image}}"
            imagePullPolicy: Always
        """;

    [GeneratedRegex(@"verbs:\s*\[([^\]]*)\]")]
    private static partial Regex VerbLine();

    [GeneratedRegex(@"^FROM\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^\s+image:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex ComposeImage();
}
