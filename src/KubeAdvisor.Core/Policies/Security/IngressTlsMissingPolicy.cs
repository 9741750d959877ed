using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>ingress-tls-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class IngressTlsMissingPolicy : ObjectPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "ingress-tls-missing",
        Title: "Ingress serves a host without TLS",
        Description: "A networking.k8s.io/v1 Ingress has no spec.tls entry, or a host of its rules (spec.rules[].host) that no "
            + "spec.tls[].hosts entry names (a wildcard *.example.com covers one label; a TLS entry without hosts covers every "
            + "host, with the controller's default certificate). One check per Ingress; the subject of the finding is the "
            + "Ingress itself, not a workload.",
        Rationale: "Traffic to a host without TLS crosses the network in clear text: credentials, session cookies and personal "
            + "data can be read or changed by anyone on the path, and clients cannot tell the real service from an impostor.",
        Remediation: """
            Terminate TLS at the Ingress for every host it serves, with a certificate in a Secret of its namespace
            (cert-manager can issue and renew it):
              spec:
                tls:
                  - hosts: ["shop.example.com"]
                    secretName: shop-example-com-tls
                rules:
                  - host: shop.example.com
            """,
        Category: "Security",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "security")
    {
        RequiredKinds = ["ingresses.networking.k8s.io"],
        Polaris = ["tlsSettingsMissing"],
        PolarisDifference = "Polaris only asks that spec.tls is not empty. KubeAdvisor also fails an Ingress whose TLS entries "
            + "leave one of its rule hosts out: that host is still served over plain HTTP.",
    };

    public override CheckResult Evaluate(in ObjectContext context)
    {
        if (context.Object is not Ingress ingress)
        {
            return CheckResult.NotApplicable;
        }

        if (ingress.Tls.Count == 0)
        {
            return CheckResult.Fail($"Ingress {ingress.Namespace}/{ingress.Name} has no spec.tls: it serves "
                + (ingress.Hosts.Count == 0 ? "every host" : string.Join(", ", ingress.Hosts)) + " over plain HTTP");
        }

        foreach (var host in ingress.Hosts)
        {
            if (!Covered(ingress.Tls, host))
            {
                return CheckResult.Fail($"Ingress {ingress.Namespace}/{ingress.Name} serves host {host}, which none of its spec.tls entries names: it is served over plain HTTP");
            }
        }

        return CheckResult.Pass;
    }

    private static bool Covered(IReadOnlyList<IngressTls> tls, string host)
    {
        foreach (var entry in tls)
        {
            if (entry.Hosts.Count == 0)
            {
                return true;
            }

            foreach (var name in entry.Hosts)
            {
                if (Matches(name, host))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // DNS names compare case-insensitively; "*.example.com" covers exactly one more label (as a certificate does).
    private static bool Matches(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!pattern.StartsWith("*.", StringComparison.Ordinal) || host.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(pattern[1..], host[dot..], StringComparison.OrdinalIgnoreCase);
    }
}
