using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using KubeAdvisor.Kubernetes.Collection.Streaming;
using KubeAdvisor.Kubernetes.Tests.Oracle;

namespace KubeAdvisor.Kubernetes.Tests.Collection.Streaming;

/// <summary>
/// JSON forms YAML fixtures cannot express (explicit nulls, numbers as quantities, escaped names, empty
/// objects): each item read by the streaming reader must equal KubernetesClient's deserialization + mapping.
/// </summary>
public sealed class ObjectJsonTests
{
    [Theory]
    [InlineData("""{"metadata":{"name":"p","namespace":"","labels":null,"annotations":{},"ownerReferences":null},"spec":null,"status":null}""")]
    [InlineData("""{"metadata":null,"spec":{"containers":null,"initContainers":[],"securityContext":null,"volumes":null,"os":null,"resources":null}}""")]
    [InlineData("""{"spec":{"securityContext":{},"resources":{"requests":null,"limits":{}},"containers":[{"name":"a","securityContext":{"capabilities":null,"seccompProfile":null},"resources":{"requests":{"cpu":1,"memory":"0.5Gi"}}}]}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a","env":[{"name":"A","value":null},{"name":"B","valueFrom":null,"value":"b"},{"name":"C","valueFrom":{}}],"ports":[{"hostPort":null},{"hostPort":7}],"livenessProbe":null,"readinessProbe":{}}]}}""")]
    [InlineData("""{"metadata":{"n\u0061me":"escaped","labels":{"k\"ey":"v\u00e9"}},"spec":{"hostNetwork":null,"hostPID":false,"automountServiceAccountToken":null,"serviceAccountName":null,"volumes":[{"name":"h","hostPath":{}},{"name":"n","hostPath":null}]}}""")]
    [InlineData("""{"status":{"containerStatuses":null,"initContainerStatuses":[{"name":"i","image":null}],"ephemeralContainerStatuses":[{"imageID":"sha256:x"}]},"extra":{"nested":[1,{"a":[]}]}}""")]
    // annotations: only kubeadvisor.io/ ones are kept (also written with escapes); what follows them is still read
    [InlineData("""{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"kind\":\"Pod\"}","kubeadvisor\u002eio\/exempt":"true","other":"x","kubeadvisor.io/note":null},"labels":{"app":"a"},"name":"after"}}""")]
    [InlineData("""{"metadata":{"annotations":{"a":"1","b":"2"},"name":"none-kept","labels":{"app":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}""")]
    public void Pod_JsonEdgeForms_EqualsTypedMapping(string json)
    {
        var expected = KubeObjectMapper.Map(KubernetesJson.Deserialize<V1Pod>(json));

        var actual = ObjectJson.Pod(Encoding.UTF8.GetBytes(json), new ReadCache());

        Assert.Equal(SnapshotAssert.Json(expected), SnapshotAssert.Json(actual));
    }

    private const string FullContainer =
        """{"name":"app","image":"registry.example.com/app:1.2","imagePullPolicy":"Always","resources":{"limits":{"cpu":"1"}},"env":[{"name":"A","value":"1"}],"livenessProbe":{"exec":{}}}""";

    [Theory]
    [InlineData("ReplicaSet", true)]
    [InlineData("Job", true)]
    [InlineData("StatefulSet", true)]
    [InlineData("Rollout", false)] // not listed: its pods' template may become the workload's
    [InlineData(null, false)] // a bare pod is a workload itself
    public void Pod_OwnedByAListedKind_OnlyContainerNamesAndImagesRead(string? controllerKind, bool imagesOnly)
    {
        var owners = controllerKind is null ? "" : $$""","ownerReferences":[{"kind":"{{controllerKind}}","name":"o","uid":"u","controller":true}]""";
        var json = $$$"""{"metadata":{"name":"p"{{{owners}}}},"spec":{"serviceAccountName":"sa","initContainers":[{"name":"init","image":"busybox:1.36"}],"containers":[{{{FullContainer}}}]}}""";

        var pod = ObjectJson.Pod(Encoding.UTF8.GetBytes(json), new ReadCache());

        var spec = pod.Template.Spec;
        Assert.Equal(("init", "busybox:1.36", "app", "registry.example.com/app:1.2"),
            (spec.InitContainers[0].Name, spec.InitContainers[0].Image, spec.Containers[0].Name, spec.Containers[0].Image));
        Assert.Equal(imagesOnly, spec.Containers[0].ImagePullPolicy is null && spec.Containers[0].Env.Count == 0 && spec.ServiceAccountName is null);
        if (!imagesOnly)
        {
            Assert.Equal(SnapshotAssert.Json(KubeObjectMapper.Map(KubernetesJson.Deserialize<V1Pod>(json))), SnapshotAssert.Json(pod));
        }
    }

    [Fact]
    public void Pod_SpecBeforeMetadata_ReadInFull()
    {
        var json = $$$"""{"spec":{"containers":[{{{FullContainer}}}]},"metadata":{"name":"p","ownerReferences":[{"kind":"ReplicaSet","name":"o","uid":"u","controller":true}]}}""";

        var pod = ObjectJson.Pod(Encoding.UTF8.GetBytes(json), new ReadCache());

        Assert.Equal(SnapshotAssert.Json(KubeObjectMapper.Map(KubernetesJson.Deserialize<V1Pod>(json))), SnapshotAssert.Json(pod));
    }

    [Fact]
    public void Pod_Annotations_OnlyKubeAdvisorOnesKept_LabelsAfterThemStillRead()
    {
        var json = """{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"big\":[1,2,3]}","kubeadvisor\u002eio/exempt":"image-tag-latest","team":"a"},"labels":{"app":"a","tier":"web"},"name":"p"}}""";

        var pod = ObjectJson.Pod(Encoding.UTF8.GetBytes(json), new ReadCache());

        Assert.Equal(new Dictionary<string, string> { ["kubeadvisor.io/exempt"] = "image-tag-latest" }, pod.Annotations);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "a", ["tier"] = "web" }, pod.Labels);
        Assert.Equal("p", pod.Name);
    }

    [Fact]
    public void ReadCache_RepeatedLabelsAcrossObjects_ShareOneStringInstance()
    {
        var cache = new ReadCache();
        var json = Encoding.UTF8.GetBytes("""{"metadata":{"namespace":"shop","labels":{"app.kubernetes.io/name":"web"}},"spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}""");

        var a = ObjectJson.Pod(json, cache);
        var b = ObjectJson.Pod(json, cache);

        Assert.Same(a.Namespace, b.Namespace);
        Assert.Same(a.Labels.Keys.Single(), b.Labels.Keys.Single());
        Assert.Same(a.Labels.Values.Single(), b.Labels.Values.Single());
        Assert.Same(a.Template.Spec.Containers[0].Image, b.Template.Spec.Containers[0].Image);
        Assert.Equal("web", b.Labels["app.kubernetes.io/name"]);
    }

    [Theory]
    [InlineData("Deployment", """{"metadata":{"name":"d"},"spec":{"replicas":null,"template":null}}""")]
    [InlineData("Deployment", """{"metadata":{"name":"d"}}""")]
    [InlineData("StatefulSet", """{"metadata":{"name":"s"},"spec":{"replicas":0,"template":{"metadata":null,"spec":{}}}}""")]
    [InlineData("CronJob", """{"metadata":{"name":"c"},"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"x","image":"y"}]}}}}}}""")]
    [InlineData("CronJob", """{"metadata":{"name":"c"},"spec":{"jobTemplate":null}}""")]
    public void Controller_JsonEdgeForms_EqualsTypedMapping(string kind, string json)
    {
        var expected = kind switch
        {
            "Deployment" => KubeObjectMapper.Map(KubernetesJson.Deserialize<V1Deployment>(json)),
            "StatefulSet" => KubeObjectMapper.Map(KubernetesJson.Deserialize<V1StatefulSet>(json)),
            _ => KubeObjectMapper.Map(KubernetesJson.Deserialize<V1CronJob>(json)),
        };

        var actual = ObjectJson.Controller(Encoding.UTF8.GetBytes(json), kind, kind != "CronJob", new ReadCache());

        Assert.Equal(SnapshotAssert.Json(expected), SnapshotAssert.Json(actual));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"b"},"spec":{"selector":null}}""")]
    [InlineData("""{"metadata":{"name":"b"},"spec":null}""")]
    [InlineData("""{"metadata":{"name":"b"},"spec":{"selector":{"matchLabels":null,"matchExpressions":null}}}""")]
    [InlineData("""{"metadata":{"name":"b"},"spec":{"selector":{"matchExpressions":[{"key":"k","operator":"In","values":null},{"key":"j","operator":"Exists"}]}}}""")]
    public void DisruptionBudget_JsonEdgeForms_EqualsTypedMapping(string json)
    {
        var expected = KubeObjectMapper.Map(KubernetesJson.Deserialize<V1PodDisruptionBudget>(json));

        var actual = ObjectJson.DisruptionBudget(Encoding.UTF8.GetBytes(json), new ReadCache());

        Assert.Equal(SnapshotAssert.Json(expected), SnapshotAssert.Json(actual));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"h","namespace":""},"spec":null}""")]
    [InlineData("""{"metadata":{"name":"h"},"spec":{"scaleTargetRef":null,"minReplicas":null,"maxReplicas":3}}""")]
    [InlineData("""{"metadata":{"name":"h"},"spec":{"scaleTargetRef":{"kind":"StatefulSet","name":"db","apiVersion":"apps/v1"},"minReplicas":0,"maxReplicas":4,"metrics":[{"type":"Resource"}],"behavior":null},"status":{"currentReplicas":2}}""")]
    public void Autoscaler_JsonEdgeForms_EqualsTypedMapping(string json)
    {
        var expected = KubeObjectMapper.Map(KubernetesJson.Deserialize<V2HorizontalPodAutoscaler>(json));

        var actual = ObjectJson.Autoscaler(Encoding.UTF8.GetBytes(json), new ReadCache());

        Assert.Equal(SnapshotAssert.Json(expected), SnapshotAssert.Json(actual));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"n"},"spec":null}""")]
    [InlineData("""{"metadata":{"name":"n"},"spec":{"podSelector":null,"policyTypes":null,"egress":null}}""")]
    [InlineData("""{"metadata":{"name":"n"},"spec":{"podSelector":{},"policyTypes":[],"egress":[{}]}}""")]
    [InlineData("""{"metadata":{"name":"n"},"spec":{"egress":[],"ingress":[{"from":[{"ipBlock":{"cidr":"0.0.0.0/0"}}]}]}}""")]
    [InlineData("""{"metadata":{"name":"n"},"spec":{"egress":[{"to":[{"podSelector":{}}],"ports":[{"port":53}]}],"podSelector":{"matchExpressions":[{"key":"app","operator":"Exists"}]}}}""")]
    [InlineData("""{"metadata":{"name":"n"},"spec":{"podSelector":{"matchLabels":{"app":"w"}},"policyTypes":["Egress"],"egress":[{"to":[]}]}}""")]
    public void NetworkPolicy_JsonEdgeForms_EqualsTypedMapping(string json)
    {
        var expected = KubeObjectMapper.Map(KubernetesJson.Deserialize<V1NetworkPolicy>(json));

        var actual = ObjectJson.NetworkPolicy(Encoding.UTF8.GetBytes(json), new ReadCache());

        Assert.Equal(SnapshotAssert.Json(expected), SnapshotAssert.Json(actual));
    }

    [Theory]
    [InlineData("""{"spec":{"minReplicas":"2"}}""", true)]
    [InlineData("""{"spec":{"scaleTargetRef":[]}}""", true)]
    [InlineData("""{"spec":{"egress":{}}}""", false)]
    [InlineData("""{"spec":{"policyTypes":"Ingress"}}""", false)]
    [InlineData("""{"spec":{"podSelector":[]}}""", false)]
    public void AutoscalerAndNetworkPolicy_WrongTypes_JsonExceptionSoTheScanSaysMalformed(string json, bool autoscaler)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.ThrowsAny<JsonException>(() => autoscaler ? ObjectJson.Autoscaler(bytes, new ReadCache()) : ObjectJson.NetworkPolicy(bytes, new ReadCache()));
    }

    [Theory]
    [InlineData("""{"spec":{"hostNetwork":"yes"}}""")]
    [InlineData("""{"spec":{"containers":{"name":"a"}}}""")]
    [InlineData("""{"spec":{"containers":[{"ports":[{"hostPort":99999999999}]}]}}""")]
    [InlineData("""{"spec":{"containers":[{"resources":{"limits":{"cpu":"lots"}}}]}}""")]
    [InlineData("""{"spec":{"containers":[{"resources":{"limits":{"cpu":"1e99999"}}}]}}""")] // would parse for minutes
    [InlineData("""null""")]
    public void Pod_WrongTypes_JsonExceptionSoTheScanSaysMalformed(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ObjectJson.Pod(Encoding.UTF8.GetBytes(json), new ReadCache()));
    }

    [Fact]
    public void Canonical_SameTextTwice_SameInstance()
    {
        var cache = new ReadCache();

        Assert.Same(cache.Quantity("1024Mi"), cache.Quantity("1024Mi"));
        Assert.Equal("1Gi", cache.Quantity("1024Mi"));
    }
}
