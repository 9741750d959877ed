using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using KubeAdvisor.Kubernetes.Collection.Streaming;
using KubeAdvisor.Kubernetes.Mapping;

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
    public void Pod_JsonEdgeForms_EqualsTypedMapping(string json)
    {
        var expected = KubeObjectMapper.Map(KubernetesJson.Deserialize<V1Pod>(json));

        var actual = ObjectJson.Pod(Encoding.UTF8.GetBytes(json), new QuantityCache());

        Assert.Equal(SnapshotAssert.Json(expected), SnapshotAssert.Json(actual));
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

        var actual = ObjectJson.Controller(Encoding.UTF8.GetBytes(json), kind, kind != "CronJob", new QuantityCache());

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

        var actual = ObjectJson.DisruptionBudget(Encoding.UTF8.GetBytes(json));

        Assert.Equal(SnapshotAssert.Json(expected), SnapshotAssert.Json(actual));
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
        Assert.ThrowsAny<JsonException>(() => ObjectJson.Pod(Encoding.UTF8.GetBytes(json), new QuantityCache()));
    }

    [Fact]
    public void Canonical_SameTextTwice_SameInstance()
    {
        var cache = new QuantityCache();

        Assert.Same(cache.Canonical("1024Mi"), cache.Canonical("1024Mi"));
        Assert.Equal("1Gi", cache.Canonical("1024Mi"));
    }
}
