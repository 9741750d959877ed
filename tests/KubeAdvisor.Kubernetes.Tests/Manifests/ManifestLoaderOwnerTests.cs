using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Kubernetes.Tests.Manifests;

public sealed class ManifestLoaderOwnerTests
{
    [Fact]
    public void Load_DeploymentReplicaSetPodWithStatus_OneWorkloadWithRunningDigest()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, uid: d1}
            spec:
              template:
                spec: {containers: [{name: app, image: "web:latest"}]}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-abc
              namespace: shop
              uid: rs1
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true}]
            spec:
              template:
                spec: {containers: [{name: app, image: "web:latest"}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-abc-1
              namespace: shop
              labels: {pod-template-hash: abc}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, uid: rs1, controller: true}]
            spec: {containers: [{name: app, image: "web:latest"}]}
            status:
              containerStatuses:
                - {name: app, image: "web:latest", imageID: "docker-pullable://web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
            """;

        var w = Assert.Single(ManifestLoader.Load(yaml).Workloads);

        Assert.Equal("Deployment", w.Kind);
        var r = Assert.Single(w.Running);
        Assert.Equal(("abc", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 1), (r.Revision, r.Digest, r.PodCount));
    }

    [Fact]
    public void Load_ArgoRolloutReplicaSet_SyntheticRolloutWorkload()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: checkout, namespace: shop, uid: ro1}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: checkout-1
              namespace: shop
              ownerReferences: [{apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: checkout, uid: ro1, controller: true}]
            spec:
              replicas: 2
              template:
                spec: {containers: [{name: app, image: "checkout:canary"}]}
            """;

        var w = Assert.Single(ManifestLoader.Load(yaml).Workloads);

        Assert.Equal(("Rollout", "checkout", "ro1", "checkout:canary"), (w.Kind, w.Name, w.Uid, Assert.Single(w.Template.Spec.Containers).Image));
    }
}
