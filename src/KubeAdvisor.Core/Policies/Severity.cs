using System.Text.Json.Serialization;

namespace KubeAdvisor.Core.Policies;

/// <summary>Severity in the ecosystem's vocabulary (policy-reporter, Kyverno); serialized as its name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Worth knowing; weight 0 in the score.</summary>
    Info,
    /// <summary>Weight 1.</summary>
    Low,
    /// <summary>Weight 2.</summary>
    Medium,
    /// <summary>Weight 3.</summary>
    High,
    /// <summary>Weight 5.</summary>
    Critical,
}
