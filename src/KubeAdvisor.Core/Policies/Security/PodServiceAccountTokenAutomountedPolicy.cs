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
        Description: "The token is mounted as Kubernetes decides: the pod template's spec.automountServiceAccountToken wins; "
            + "when the pod leaves it unset, its ServiceAccount's (spec.serviceAccountName, else default) decides; when "
            + "that is unset too, or the account is not in the scan or the manifests, the token is mounted. Workloads listed in the cluster's "
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
        RequiredKinds = ["serviceaccounts"],
        Parameters = [AutomountAllowedWorkloads],
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var automount = context.Pod.AutomountServiceAccountToken;
        if (automount == false)
        {
            return CheckResult.Pass;
        }

        var account = context.Pod.ServiceAccountName ?? "default";
        if (automount is null && ServiceAccountIndex.Find(context.Snapshot, context.Workload.Namespace, account)?.AutomountServiceAccountToken == false)
        {
            return CheckResult.Pass;
        }

        var workload = context.Workload;
        if (context.Parameters.IsAutomountAllowed(workload.Namespace, workload.Name))
        {
            return CheckResult.Exempt;
        }

        return CheckResult.Fail(automount == true
            ? $"the pod sets automountServiceAccountToken: true, mounting a token of service account {account}"
            : $"neither the pod nor its service account {account} sets automountServiceAccountToken: false, so its token is mounted");
    }
}
