using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Admission;

namespace KubeAdvisor.Kubernetes.Tests.Admission;

/// <summary>The webhook's judgement of one AdmissionReview, with the collector's readers and the evaluator.</summary>
public sealed class AdmissionJudgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static AdmissionJudge Judge(AdmissionMode mode, Severity min = Severity.High, ClusterPolicySettings? settings = null, params AdmissionException[] exceptions) =>
        new(new AdmissionConfig(mode, min, settings ?? ClusterPolicySettings.Default, exceptions));

    [Fact]
    public void Judge_DenyHigh_LatestDeploymentIsRefusedWithTheFix_PinnedIsAllowed()
    {
        var verdict = JudgeReview(Judge(AdmissionMode.Deny), Deployment("shop", "api", "nginx:latest"));
        var pinned = JudgeReview(Judge(AdmissionMode.Deny), Deployment("shop", "api", "nginx:1.27.3"));

        Assert.False(verdict.Allowed);
        Assert.Equal(["image-tag-latest"], verdict.DeniedPolicies);
        Assert.StartsWith("KubeAdvisor refused Deployment shop/api: 1 failed check(s) at high severity or above.", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("Fix: ", verdict.Message, StringComparison.Ordinal);
        Assert.True(pinned.Allowed);
        Assert.True(pinned.Judged);
        Assert.Empty(pinned.Warnings);
    }

    [Fact]
    public void Judge_DenyCritical_AHighFailureOnlyWarns()
    {
        var verdict = JudgeReview(Judge(AdmissionMode.Deny, Severity.Critical), Deployment("shop", "api", "nginx:latest"));

        Assert.True(verdict.Allowed);
        Assert.Equal(["image-tag-latest"], verdict.WarnedPolicies);
        Assert.StartsWith("KubeAdvisor image-tag-latest (high), container api: ", Assert.Single(verdict.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ManyFailures_WarningsAreFewAndShort()
    {
        var everything = new ClusterPolicySettings
        {
            Packs = new Dictionary<string, bool> { ["security"] = true, ["reliability"] = true, ["efficiency"] = true },
            Policies = PolicyCatalog.Descriptors.ToDictionary(d => d.Id, _ => new PolicyOverride(Enabled: true)),
        };

        var verdict = JudgeReview(Judge(AdmissionMode.Warn, settings: everything), Deployment("shop", "a-rather-long-deployment-name-for-the-test", "nginx:latest"));

        Assert.True(verdict.Allowed);
        Assert.Equal(AdmissionText.MaxWarnings + 1, verdict.Warnings.Count);
        Assert.All(verdict.Warnings, w => Assert.InRange(w.Length, 10, AdmissionText.MaxWarningLength));
        Assert.DoesNotContain(verdict.WarnedPolicies, AdmissionJudge.NotJudged.Contains);
    }

    [Fact]
    public void NotJudged_AreThePoliciesThatNeedOtherObjectsOrRunningState()
    {
        Assert.Contains("image-replica-drift", AdmissionJudge.NotJudged);
        Assert.Contains("image-tag-moved", AdmissionJudge.NotJudged);
        Assert.Contains("workload-disruption-budget-missing", AdmissionJudge.NotJudged);
        Assert.Contains("workload-network-policy-missing", AdmissionJudge.NotJudged);
        Assert.Contains("pod-service-account-token-automounted", AdmissionJudge.NotJudged);
        Assert.Equal(PolicyCatalog.All.Count, AdmissionJudge.Policies.Count + AdmissionJudge.NotJudged.Count);
    }

    [Fact]
    public void Judge_ExceptionCoversTheWorkload_UntilItExpires()
    {
        var exception = new AdmissionException("e1", "shop", "Deployment", "api", null, null, ["image-tag-latest"], Now.AddHours(1));
        var judge = Judge(AdmissionMode.Deny, Severity.High, null, exception);
        var review = Deployment("shop", "api", "nginx:latest");

        Assert.True(JudgeReview(judge, review, now: Now).Allowed);
        Assert.False(JudgeReview(judge, review, now: Now.AddHours(2)).Allowed); // ended while the agent could not pull a newer list
        Assert.False(JudgeReview(judge, Deployment("shop", "cart", "nginx:latest"), now: Now).Allowed);
    }

    [Fact]
    public void Judge_ExcludedNamespaceOffModeAndOwnedObjects_AreNotJudged()
    {
        var deny = Judge(AdmissionMode.Deny);
        var ownedPod = Pod("shop", "api-7d9f-x2", "nginx:latest", owner: ("ReplicaSet", "api-7d9f"));
        var ownedReplicaSet = Deployment("shop", "api-7d9f", "nginx:latest");
        ownedReplicaSet["kind"] = "ReplicaSet";
        ownedReplicaSet["metadata"]!["ownerReferences"] = Owners("Deployment", "api");

        Assert.Equal("excluded namespace", JudgeReview(deny, Deployment("kube-system", "dns", "nginx:latest")).Reason);
        Assert.Equal("admission mode is off", JudgeReview(Judge(AdmissionMode.Off), Deployment("shop", "api", "nginx:latest")).Reason);
        Assert.Equal("judged at its controller", JudgeReview(deny, ownedPod).Reason);
        Assert.Equal("judged at its controller", JudgeReview(deny, ownedReplicaSet).Reason);
        Assert.False(JudgeReview(deny, Pod("shop", "debug", "nginx:latest")).Allowed); // a bare pod is its own workload
    }

    [Fact]
    public void Judge_UpdateOfAWorkloadThatAlreadyFailed_WarnsInsteadOfRefusing()
    {
        var old = Deployment("shop", "api", "nginx:latest");
        var restarted = Deployment("shop", "api", "nginx:latest");
        restarted["spec"]!["template"]!["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/restartedAt"] = "2026-12-04T12:00:00Z" } };

        var update = JudgeReview(Judge(AdmissionMode.Deny), restarted, "UPDATE", old);
        var worse = JudgeReview(Judge(AdmissionMode.Deny), restarted, "UPDATE", Deployment("shop", "api", "nginx:1.27.3"));

        Assert.True(update.Allowed);
        Assert.Equal(["image-tag-latest"], update.WarnedPolicies);
        Assert.False(worse.Allowed);
    }

    [Fact]
    public void Judge_GeneratedNameAndNamespaceFromTheRequest()
    {
        var pod = Pod("", "", "nginx:latest");
        ((JsonObject)pod["metadata"]!).Remove("namespace");
        ((JsonObject)pod["metadata"]!).Remove("name");
        pod["metadata"]!["generateName"] = "debug-";

        var verdict = JudgeReview(Judge(AdmissionMode.Deny), pod, ns: "shop");

        Assert.False(verdict.Allowed);
        Assert.Equal("shop", verdict.Namespace);
        Assert.Contains("Pod shop/(generated name)", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotAReview_IsAFormatException()
    {
        Assert.Throws<FormatException>(() => AdmissionReviewRequest.Parse(Encoding.UTF8.GetBytes("{\"kind\":\"AdmissionReview\"}")));
        Assert.Throws<FormatException>(() => AdmissionReviewRequest.Parse(Encoding.UTF8.GetBytes("not json")));
        Assert.Throws<FormatException>(() => AdmissionReviewRequest.Parse(Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200))));
        Assert.Throws<FormatException>(() => AdmissionReviewRequest.Parse(Encoding.UTF8.GetBytes(
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"operation\":\"CREATE\"}}")));
    }

    private static AdmissionVerdict JudgeReview(AdmissionJudge judge, JsonObject obj, string operation = "CREATE", JsonObject? old = null, DateTimeOffset? now = null, string? ns = null)
    {
        var request = new JsonObject
        {
            ["uid"] = "u", ["operation"] = operation, ["namespace"] = ns ?? obj["metadata"]!["namespace"]?.GetValue<string>(),
            ["name"] = obj["metadata"]!["name"]?.GetValue<string>() ?? "", ["object"] = obj.DeepClone(),
        };
        if (old is not null)
        {
            request["oldObject"] = old.DeepClone();
        }

        var body = new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString();
        using var review = AdmissionReviewRequest.Parse(Encoding.UTF8.GetBytes(body));
        return judge.Judge(review, now ?? Now);
    }

    private static JsonObject Deployment(string ns, string name, string image) => new()
    {
        ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 2,
            ["template"] = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "api", ["image"] = image }) } },
        },
    };

    private static JsonObject Pod(string ns, string name, string image, (string Kind, string Name)? owner = null)
    {
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "api", ["image"] = image }) },
        };
        if (owner is { } o)
        {
            pod["metadata"]!["ownerReferences"] = Owners(o.Kind, o.Name);
        }

        return pod;
    }

    private static JsonArray Owners(string kind, string name) =>
        new(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = kind, ["name"] = name, ["uid"] = Guid.NewGuid().ToString(), ["controller"] = true });
}
