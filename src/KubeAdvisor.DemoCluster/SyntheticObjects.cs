using k8s;
using k8s.Models;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// The objects beside the workloads of <see cref="SyntheticCluster"/>, in proportions a real cluster has: per namespace
/// two ServiceAccounts, a Role and its RoleBinding, the <c>kube-root-ca.crt</c> ConfigMap and, in every other namespace, a
/// default-deny NetworkPolicy; per five Deployments a ConfigMap (one in fifty of them with a secret-looking value), per
/// ten an Ingress (two in three with TLS); cluster-wide twenty controller ClusterRoles with their bindings and the two
/// system PriorityClasses plus one of the team's. Deterministic for a given size.
/// </summary>
internal static class SyntheticObjects
{
    private const int ControllerRoles = 20;

    public static IEnumerable<IKubernetesObject> ForNamespace(string ns, int n)
    {
        var meta = (string name) => new V1ObjectMeta { Name = name, NamespaceProperty = ns };
        yield return new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = meta("default") };
        yield return new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = meta("app"), AutomountServiceAccountToken = false };
        yield return new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "Role", Metadata = meta("app-reader"),
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps", "pods"], Verbs = ["get", "list", "watch"] }],
        };
        yield return new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "RoleBinding", Metadata = meta("app-reader"),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "app-reader" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "app", NamespaceProperty = ns }],
        };
        yield return new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = meta("kube-root-ca.crt"),
            Data = new Dictionary<string, string> { ["ca.crt"] = "-----BEGIN CERTIFICATE-----\nc3ludGhldGljLWNsdXN0ZXItY2EtY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n" },
        };
        if (n % 2 == 0)
        {
            yield return new V1NetworkPolicy
            {
                ApiVersion = "networking.k8s.io/v1", Kind = "NetworkPolicy", Metadata = meta("default-deny"),
                Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"] },
            };
        }
    }

    public static IEnumerable<IKubernetesObject> ForDeployment(string ns, string name, int i)
    {
        if (i % 5 == 0)
        {
            var data = new Dictionary<string, string>
            {
                ["LOG_LEVEL"] = "info",
                ["UPSTREAM_URL"] = $"http://{name}-backend.{ns}.svc:8080",
                ["application.properties"] = $"server.port=8080\nspring.application.name={name}\nmanagement.endpoints.web.exposure.include=health,info\n",
            };
            if (i % 250 == 0)
            {
                data["DB_PASSWORD"] = $"synthetic-{i}";
            }

            yield return new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = name + "-config", NamespaceProperty = ns }, Data = data };
        }

        if (i % 10 == 0)
        {
            var host = $"{name}.{ns}.example.com";
            yield return new V1Ingress
            {
                ApiVersion = "networking.k8s.io/v1", Kind = "Ingress", Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Spec = new V1IngressSpec
                {
                    Tls = i % 30 == 0 ? null : [new V1IngressTLS { Hosts = [host], SecretName = name + "-tls" }],
                    Rules = [new V1IngressRule
                    {
                        Host = host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths = [new V1HTTPIngressPath
                            {
                                Path = "/", PathType = "Prefix",
                                Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = name, Port = new V1ServiceBackendPort { Number = 8080 } } },
                            }],
                        },
                    }],
                },
            };
        }
    }

    public static IEnumerable<IKubernetesObject> ClusterWide()
    {
        yield return Priority("system-cluster-critical", 2_000_000_000);
        yield return Priority("system-node-critical", 2_000_001_000);
        yield return Priority("business-critical", 100_000);
        for (var c = 0; c < ControllerRoles; c++)
        {
            var name = $"system:controller:synthetic-{c:D2}";
            yield return new V1ClusterRole
            {
                ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "ClusterRole", Metadata = new V1ObjectMeta { Name = name },
                Rules = [new V1PolicyRule { ApiGroups = ["", "apps"], Resources = ["pods", "deployments", "replicasets"], Verbs = ["get", "list", "watch", "update"] }],
            };
            yield return new V1ClusterRoleBinding
            {
                ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "ClusterRoleBinding", Metadata = new V1ObjectMeta { Name = name },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = name },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = $"synthetic-{c:D2}-controller", NamespaceProperty = "kube-system" }],
            };
        }
    }

    private static V1PriorityClass Priority(string name, int value) =>
        new() { ApiVersion = "scheduling.k8s.io/v1", Kind = "PriorityClass", Metadata = new V1ObjectMeta { Name = name }, Value = value };
}
