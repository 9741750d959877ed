using System.Text.Json.Serialization;

namespace KubeAdvisor.Core.Policies;

/// <summary>Outcome of one check (workload, container, enabled policy) in the ecosystem's vocabulary.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckOutcome>))]
public enum CheckOutcome
{
    /// <summary>The policy holds.</summary>
    Pass,
    /// <summary>The policy is violated: a finding is reported.</summary>
    Fail,
    /// <summary>Exempt (namespace, annotation, image glob or policy parameter): counted, not scored.</summary>
    Skip,
}
