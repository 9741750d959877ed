using System.Buffers;
using System.Text.Json;

namespace KubeAdvisor.Kubernetes.Admission;

/// <summary>Writes the AdmissionReview response (admission.k8s.io/v1) for a verdict, without reflection.</summary>
public static class AdmissionResponse
{
    /// <summary>Writes the review with <c>response.uid</c>, <c>allowed</c>, <c>warnings</c> and, when refused, a 403 <c>status</c>.</summary>
    public static void Write(IBufferWriter<byte> output, string uid, AdmissionVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("apiVersion"u8, "admission.k8s.io/v1"u8);
        w.WriteString("kind"u8, "AdmissionReview"u8);
        w.WriteStartObject("response"u8);
        w.WriteString("uid"u8, uid);
        w.WriteBoolean("allowed"u8, verdict.Allowed);
        if (verdict.Warnings.Count > 0)
        {
            w.WriteStartArray("warnings"u8);
            foreach (var warning in verdict.Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
        }

        if (!verdict.Allowed)
        {
            w.WriteStartObject("status"u8);
            w.WriteNumber("code"u8, 403);
            w.WriteString("reason"u8, "Forbidden"u8);
            w.WriteString("message"u8, verdict.Message ?? "KubeAdvisor refused the request.");
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
