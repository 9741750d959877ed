using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-host-port</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerHostPortPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-host-port",
        Title: "Container binds a host port",
        Description: "A ports[] entry of the container sets hostPort (non-zero). Judged on init and regular containers; not "
            + "applicable to ephemeral containers, which the API forbids to declare ports. On live objects of hostNetwork pods the "
            + "API fills hostPort in from containerPort, so their ports fail here as well as pod-host-network.",
        Rationale: "A hostPort opens the port on the node's address, outside Services and most NetworkPolicy implementations, "
            + "and limits scheduling to one such pod per node and port.",
        Remediation: """
            Remove hostPort and expose the port through a Service:
              ports:
                - containerPort: 8080
            ---
            kind: Service
            spec:
              type: NodePort   # or LoadBalancer / ClusterIP behind an Ingress
              ports:
                - port: 80
                  targetPort: 8080
            """,
        Category: "Security",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-baseline:host-ports", "cis-1.9:5.2.13"],
        Polaris = ["hostPortSet"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var container = context.Container;
        if (container.Type == ContainerType.Ephemeral)
        {
            return CheckResult.NotApplicable;
        }

        return container.HostPorts.Count == 0
            ? CheckResult.Pass
            : CheckResult.Fail($"container {container.Name} binds host port{(container.HostPorts.Count > 1 ? "s" : "")} "
                + $"{string.Join(", ", container.HostPorts)} on the node");
    }
}
