using System.Text.Json.Serialization;

namespace KubeAdvisor.Core.Exceptions;

/// <summary>
/// What the <c>kubeadvisor.io/exempt</c> annotation does on a cluster (a per-cluster setting; decision 0023). Serialized
/// as <c>allow</c>, <c>require-reason</c> or <c>ignore</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExemptAnnotationMode>))]
public enum ExemptAnnotationMode
{
    /// <summary>The annotation exempts on its own (the behaviour before governed exceptions).</summary>
    [JsonStringEnumMemberName("allow")]
    Allow,

    /// <summary>
    /// Only together with a non-blank <c>kubeadvisor.io/exempt-reason</c>, and until <c>kubeadvisor.io/exempt-until</c>
    /// when that is given (a date that cannot be read does not exempt).
    /// </summary>
    [JsonStringEnumMemberName("require-reason")]
    RequireReason,

    /// <summary>The annotation does nothing: only approved exceptions exempt.</summary>
    [JsonStringEnumMemberName("ignore")]
    Ignore,
}
