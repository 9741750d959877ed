using System.Text.Json;
using k8s;
using k8s.Models;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Tests.Oracle;
using KubeAdvisor.Kubernetes.Transport;

namespace KubeAdvisor.Kubernetes.Tests.Collection.Streaming;

/// <summary>Compares snapshots by their wire JSON (namespaces, workloads, budgets, accounts, autoscalers, network policies, ingresses, RBAC, ConfigMaps, PriorityClasses), ignoring id and time.</summary>
internal static class SnapshotAssert
{
    /// <summary>The reference: the V1 objects themselves through InventoryBuilder + KubeObjectMapper.</summary>
    public static ClusterSnapshot FromV1(IEnumerable<IKubernetesObject> objects)
    {
        var builder = new InventoryBuilder();
        foreach (var o in objects)
        {
            switch (o)
            {
                case V1Namespace ns:
                    builder.AddNamespace(ns.Metadata.Name);
                    break;
                case V1PodDisruptionBudget pdb:
                    builder.AddPodDisruptionBudget(KubeObjectMapper.Map(pdb));
                    break;
                case V1ServiceAccount account:
                    builder.AddServiceAccount(new ServiceAccount(
                        MetadataMapper.Namespace(account.Metadata), account.Metadata?.Name ?? "", account.AutomountServiceAccountToken));
                    break;
                case V2HorizontalPodAutoscaler hpa:
                    builder.AddHorizontalPodAutoscaler(KubeObjectMapper.Map(hpa));
                    break;
                case V1NetworkPolicy policy:
                    builder.AddNetworkPolicy(KubeObjectMapper.Map(policy));
                    break;
                case V1Ingress ingress:
                    builder.AddObject(ObjectMapper.Map(ingress));
                    break;
                case V1Role role:
                    builder.AddObject(ObjectMapper.Map(role));
                    break;
                case V1ClusterRole role:
                    builder.AddObject(ObjectMapper.Map(role));
                    break;
                case V1RoleBinding binding:
                    builder.AddObject(ObjectMapper.Map(binding));
                    break;
                case V1ClusterRoleBinding binding:
                    builder.AddObject(ObjectMapper.Map(binding));
                    break;
                case V1ConfigMap configMap:
                    builder.AddObject(ObjectMapper.Map(configMap));
                    break;
                case V1PriorityClass priorityClass:
                    builder.AddPriorityClass(ObjectMapper.Map(priorityClass));
                    break;
                default:
                    builder.Add(KubeObjectMapper.TryMap(o) ?? throw new ArgumentException(o.GetType().Name));
                    break;
            }
        }

        return builder.Build("reference", DateTimeOffset.UnixEpoch, null);
    }

    public static void Equivalent(ClusterSnapshot expected, ClusterSnapshot actual)
    {
        Assert.Equal(Json(expected.Namespaces), Json(actual.Namespaces));
        Assert.Equal(expected.Workloads.Count, actual.Workloads.Count);
        for (var i = 0; i < expected.Workloads.Count; i++)
        {
            Assert.Equal(Json(expected.Workloads[i]), Json(actual.Workloads[i]));
        }

        Assert.Equal(expected.PodDisruptionBudgets.Count, actual.PodDisruptionBudgets.Count);
        for (var i = 0; i < expected.PodDisruptionBudgets.Count; i++)
        {
            Assert.Equal(Json(expected.PodDisruptionBudgets[i]), Json(actual.PodDisruptionBudgets[i]));
        }

        Assert.Equal(Json(expected.ServiceAccounts), Json(actual.ServiceAccounts));
        Assert.Equal(Json(expected.HorizontalPodAutoscalers), Json(actual.HorizontalPodAutoscalers));
        Assert.Equal(Json(expected.NetworkPolicies), Json(actual.NetworkPolicies));
        Assert.Equal(Json(expected.Ingresses), Json(actual.Ingresses));
        Assert.Equal(Json(expected.Roles), Json(actual.Roles));
        Assert.Equal(Json(expected.RoleBindings), Json(actual.RoleBindings));
        Assert.Equal(Json(expected.ConfigMaps), Json(actual.ConfigMaps));
        Assert.Equal(Json(expected.PriorityClasses), Json(actual.PriorityClasses));
    }

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, SnapshotJson.Options);
}
