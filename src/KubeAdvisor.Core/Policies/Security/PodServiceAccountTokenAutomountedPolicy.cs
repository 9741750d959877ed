namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>pod-service-account-token-automounted</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class PodServiceAccountTokenAutomountedPolicy : WorkloadPolicy
{
    internal static PolicyParameter AutomountAllowedWorkloads { get; } = new(
        "automountAllowedWorkloads",
        "Workloads allowed a service-account token",
        "namespace/name globs exempt from pod-service-account-token-automounted, e.g. monitoring/prometheus-*.",
        s => s.AutomountAllowedWorkloads,
        (s, v) => s with { AutomountAllowedWorkloads = v });

    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "pod-service-account-token-automounted",
        Title: "Service-account token is automounted",
        Description: "The pod template's spec.automountServiceAccountToken is not false. When the pod leaves it unset, the "
            + "ServiceAccount's automountServiceAccountToken decides and defaults to true; ServiceAccounts are not collected, "
            + "so unset fails: set it on the pod, where it also wins over the ServiceAccount. Workloads listed in the cluster's "
            + "AutomountAllowedWorkloads ('namespace/name' globs naming the top-level workload) are exempt. One check per workload."
            + " Entries must be lowercase 'namespace/name' patterns; validating the settings rejects others.",
        Rationale: "Every container of the pod gets a token for the Kubernetes API at /var/run/secrets/kubernetes.io/serviceaccount; "
            + "most applications never call the API, and a stolen token is the usual first step from a compromised pod to the cluster.",
        Remediation: """
            Turn the automount off for pods that do not call the API:
              spec:
                automountServiceAccountToken: false
            Workloads that need the token (operators, controllers) go into AutomountAllowedWorkloads, e.g. "monitoring/prometheus-*".
            """,
        Category: "Security",
        DefaultSeverity: Severity.Low,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["cis-1.9:5.1.6", "nsa-cisa:service-account-tokens"],
        Polaris = ["automountServiceAccountToken"],
        PolarisDifference = "Polaris reads the pod's ServiceAccount: a pod that leaves the field unset passes when its ServiceAccount sets automountServiceAccountToken: false. ServiceAccounts are not collected yet, so KubeAdvisor fails that pod (a known false positive until they are; set the field on the pod, where it also wins).",
        Parameters = [AutomountAllowedWorkloads],
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var automount = context.Pod.AutomountServiceAccountToken;
        if (automount == false)
        {
            return CheckResult.Pass;
        }

        var workload = context.Workload;
        if (context.Parameters.IsAutomountAllowed(workload.Namespace, workload.Name))
        {
            return CheckResult.Exempt;
        }

        var account = context.Pod.ServiceAccountName ?? "default";
        return CheckResult.Fail(automount == true
            ? $"the pod sets automountServiceAccountToken: true, mounting a token of service account {account}"
            : $"the pod does not set automountServiceAccountToken, so a token of service account {account} is mounted "
                + "unless that account disables it");
    }
}
