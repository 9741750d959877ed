using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Kubernetes.Tests.Manifests;

public sealed class ManifestLoaderTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ignored, namespace: shop}
        ---
        apiVersion: example.io/v1
        kind: Widget
        metadata: {name: custom}
        --- # a comment after the marker
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          uid: d1
          labels: {app: web}
          annotations: {kubeadvisor.io/exempt: "image-tag-latest"}
        spec:
          replicas: 3
          template:
            metadata:
              labels: {app: web}
              annotations: {team: a, kubeadvisor.io/exempt: "image-digest-required"}
            spec:
              serviceAccountName: web
              automountServiceAccountToken: false
              hostNetwork: true
              hostPID: true
              hostIPC: true
              securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
              volumes:
                - name: logs
                  hostPath: {path: /var/log}
                - name: tmp
                  emptyDir: {}
              initContainers:
                - name: init
                  image: busybox
              containers:
                - name: app
                  image: registry.internal:5000/web:1.2
                  imagePullPolicy: IfNotPresent
                  securityContext:
                    privileged: true
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                    runAsUser: 0
                    capabilities: {add: [NET_ADMIN], drop: [ALL]}
                    seccompProfile: {type: Unconfined}
                  resources:
                    requests: {cpu: 250m, memory: 64Mi}
                    limits: {memory: 128Mi}
                  livenessProbe: {httpGet: {path: /, port: 80}}
                  ports:
                    - containerPort: 80
                    - containerPort: 443
                      hostPort: 8443
                  env:
                    - {name: PASSWORD, value: hunter2}
                    - name: FROM_SECRET
                      valueFrom: {secretKeyRef: {name: s, key: k}}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web, namespace: shop}
        spec:
          minAvailable: 1
          selector:
            matchLabels: {app: web}
            matchExpressions:
              - {key: tier, operator: In, values: [front]}
        """;

    [Fact]
    public void Load_DeploymentFields_MappedToInventory()
    {
        var s = ManifestLoader.Load(Manifest);

        var w = Assert.Single(s.Workloads);
        Assert.Equal(("Deployment", "shop", "web", "d1", 3), (w.Kind, w.Namespace, w.Name, w.Uid, w.Replicas));
        Assert.Equal("image-tag-latest", w.Annotations["kubeadvisor.io/exempt"]);
        Assert.Equal("image-digest-required", Assert.Single(w.Template.Annotations).Value); // only kubeadvisor.io/ annotations are kept
        var spec = w.Template.Spec;
        Assert.Equal((true, true, true, "web", (bool?)false), (spec.HostNetwork, spec.HostPid, spec.HostIpc,
            spec.ServiceAccountName, spec.AutomountServiceAccountToken));
        Assert.Equal(new PodSecurityContext(true, 1000, "RuntimeDefault"), spec.SecurityContext);
        Assert.Equal([new Volume("logs", "/var/log"), new Volume("tmp", null)], spec.Volumes);
        Assert.Equal(ContainerType.Init, Assert.Single(spec.InitContainers).Type);
    }

    [Fact]
    public void Load_ContainerFields_MappedToInventory()
    {
        var c = Assert.Single(Assert.Single(ManifestLoader.Load(Manifest).Workloads).Template.Spec.Containers);

        Assert.Equal(("app", "registry.internal:5000/web:1.2", "IfNotPresent"), (c.Name, c.Image, c.ImagePullPolicy));
        var sc = Assert.IsType<ContainerSecurityContext>(c.SecurityContext);
        Assert.Equal((true, false, true, 0L, "Unconfined"), (sc.Privileged, sc.AllowPrivilegeEscalation,
            sc.ReadOnlyRootFilesystem, sc.RunAsUser, sc.SeccompProfileType));
        Assert.Equal(["NET_ADMIN"], sc.CapabilitiesAdd);
        Assert.Equal(["ALL"], sc.CapabilitiesDrop);
        Assert.Equal(new ResourceRequirements("250m", "64Mi", null, "128Mi"), c.Resources);
        Assert.Equal((true, false), (c.HasLivenessProbe, c.HasReadinessProbe));
        Assert.Equal([8443], c.HostPorts);
        Assert.Equal([new EnvVar("PASSWORD", "hunter2"), new EnvVar("FROM_SECRET", null)], c.Env);
    }

    [Fact]
    public void Load_PdbAndNamespace_Mapped()
    {
        var s = ManifestLoader.Load(Manifest);

        Assert.Equal(["shop"], s.Namespaces);
        var pdb = Assert.Single(s.PodDisruptionBudgets);
        Assert.Equal("web", pdb.Selector.MatchLabels["app"]);
        var req = Assert.Single(pdb.Selector.MatchExpressions);
        Assert.Equal(("tier", "In", "front"), (req.Key, req.Operator, Assert.Single(req.Values)));
    }

    [Fact]
    public void Load_ObjectWithoutNamespace_DefaultNamespace()
    {
        var s = ManifestLoader.Load("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: x}]}\n");

        Assert.Equal("default", Assert.Single(s.Workloads).Namespace);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n")]
    [InlineData("just text")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nspec: 5\n")]
    public void Parse_MalformedYaml_FormatException(string yaml)
    {
        var e = Assert.Throws<FormatException>(() => ManifestLoader.Parse(yaml));

        Assert.StartsWith("Malformed Kubernetes YAML in document 1", e.Message);
    }

    [Fact]
    public void Load_CronJob_TemplateFromJobTemplate()
    {
        const string yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: ops}
            spec:
              schedule: "0 1 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: backup, image: "backup:latest"}]
                      restartPolicy: OnFailure
            """;

        var w = Assert.Single(ManifestLoader.Load(yaml).Workloads);

        Assert.Equal(("CronJob", "backup:latest"), (w.Kind, Assert.Single(w.Template.Spec.Containers).Image));
    }
}
