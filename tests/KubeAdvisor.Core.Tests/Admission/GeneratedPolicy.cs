using k8s;
using k8s.Models;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Admission;

/// <summary>The writer's YAML read back as Kubernetes objects (KubernetesClient's typed models).</summary>
internal static class GeneratedPolicy
{
    public static (V1ValidatingAdmissionPolicy Policy, V1ValidatingAdmissionPolicyBinding Binding) Parse(string yaml)
    {
        var objects = KubernetesYaml.LoadAllFromString(yaml, new Dictionary<string, Type>
        {
            ["admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy"] = typeof(V1ValidatingAdmissionPolicy),
            ["admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding"] = typeof(V1ValidatingAdmissionPolicyBinding),
        });
        Assert.Equal(2, objects.Count);
        return (Assert.IsType<V1ValidatingAdmissionPolicy>(objects[0]), Assert.IsType<V1ValidatingAdmissionPolicyBinding>(objects[1]));
    }

    /// <summary>Settings with exactly one policy enabled.</summary>
    public static ClusterPolicySettings Only(string policyId, ClusterPolicySettings settings)
    {
        foreach (var d in PolicyCatalog.Descriptors)
        {
            var current = settings.Policies.GetValueOrDefault(d.Id) ?? new PolicyOverride();
            settings = settings.WithPolicy(d.Id, current with { Enabled = d.Id == policyId });
        }

        return settings;
    }

    public static (V1ValidatingAdmissionPolicy Policy, V1ValidatingAdmissionPolicyBinding Binding) For(ClusterPolicySettings settings, AdmissionAction action = AdmissionAction.Deny) =>
        Parse(ValidatingAdmissionPolicyWriter.Write("test", settings, action));
}
