using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Efficiency;

/// <summary>The <c>container-resources-out-of-range</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerResourcesOutOfRangePolicy : ContainerPolicy
{
    internal static PolicyParameter Ranges { get; } = new(
        "resourceRanges",
        "Resource ranges",
        "resource=min..max entries (container-resources-out-of-range); resource is cpu-request, cpu-limit, memory-request "
            + "or memory-limit, and either bound may be left out (memory-limit=..64Gi).",
        s => s.ResourceRanges,
        (s, v) => s with { ResourceRanges = v });

    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-resources-out-of-range",
        Title: "Requests or limits out of range",
        Description: "A CPU or memory request or limit the container sets is below the minimum or above the maximum of "
            + "the cluster's resourceRanges. Only the container's own values are judged; an unset one is the "
            + "*-missing policies' question, and a quantity the API would reject is ignored. Not applicable when the "
            + "container sets none of the ranged values, and to ephemeral containers, which cannot set resources.",
        Rationale: "Values far outside what the cluster's nodes offer are almost always unit mistakes: memory: 512 asks "
            + "for 512 bytes and gets the container OOM-killed at start, cpu: 1000 asks for a thousand cores and never "
            + "schedules. Ranges also keep one workload from reserving a node on its own.",
        Remediation: """
            Write the quantity with its unit, within the cluster's ranges:
              resources:
                requests:
                  cpu: 250m
                  memory: 512Mi
                limits:
                  memory: 512Mi
            """,
        Category: "Efficiency",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "efficiency")
    {
        Controls = ["nsa-cisa:resource-policies"],
        Parameters = [Ranges],
        Polaris = ["resourceRange"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (!Resources.Apply(in context))
        {
            return CheckResult.NotApplicable;
        }

        var own = context.Container.Resources;
        var judged = false;
        foreach (var range in context.Parameters.ResourceRanges)
        {
            var text = range.Resource switch
            {
                "cpu-request" => own.CpuRequest,
                "cpu-limit" => own.CpuLimit,
                "memory-request" => own.MemoryRequest,
                _ => own.MemoryLimit,
            };
            if (!ResourceQuantity.TryParse(text, out var value))
            {
                continue;
            }

            judged = true;
            if (value < range.Min)
            {
                return CheckResult.Fail($"container {context.Container.Name} sets {Field(range.Resource)} {text}, below the cluster's minimum {range.MinText}");
            }

            if (value > range.Max)
            {
                return CheckResult.Fail($"container {context.Container.Name} sets {Field(range.Resource)} {text}, above the cluster's maximum {range.MaxText}");
            }
        }

        return judged ? CheckResult.Pass : CheckResult.NotApplicable;
    }

    // cpu-request → requests.cpu
    private static string Field(string resource)
    {
        var dash = resource.IndexOf('-', StringComparison.Ordinal);
        return $"{resource[(dash + 1)..]}s.{resource[..dash]}";
    }
}
