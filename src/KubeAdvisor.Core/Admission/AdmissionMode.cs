using System.Text.Json.Serialization;

namespace KubeAdvisor.Core.Admission;

/// <summary>
/// What a cluster's admission webhook (run by its agent) does with a workload that fails an enabled policy. Serialized
/// as <c>off</c>, <c>warn</c> or <c>deny</c> (decision 0030).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AdmissionMode>))]
public enum AdmissionMode
{
    /// <summary>Nothing is judged: every request is allowed and nothing is counted (the default).</summary>
    [JsonStringEnumMemberName("off")]
    Off,

    /// <summary>Every failure is returned as an AdmissionReview warning (kubectl prints them); nothing is refused.</summary>
    [JsonStringEnumMemberName("warn")]
    Warn,

    /// <summary>Failures at or above the cluster's minimum severity refuse the request; the others are warnings.</summary>
    [JsonStringEnumMemberName("deny")]
    Deny,
}
