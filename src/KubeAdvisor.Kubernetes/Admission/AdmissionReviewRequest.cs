using System.Runtime.InteropServices;
using System.Text.Json;

namespace KubeAdvisor.Kubernetes.Admission;

/// <summary>
/// The parts of an <c>admission.k8s.io/v1</c> AdmissionReview request the webhook reads. The objects stay the raw
/// JSON the API server sent, for the collector's own item readers. Disposing releases the parsed document.
/// </summary>
public sealed class AdmissionReviewRequest : IDisposable
{
    /// <summary>Deepest nesting read; Kubernetes objects nest about 15 levels (affinity terms).</summary>
    public const int MaxDepth = 64;

    private readonly JsonDocument _document;

    private AdmissionReviewRequest(JsonDocument document, JsonElement request)
    {
        _document = document;
        Uid = Text(request, "uid") is { Length: > 0 } uid ? uid : throw new FormatException("request.uid is missing.");
        Operation = Text(request, "operation") ?? "";
        Namespace = Text(request, "namespace") ?? "";
        Name = Text(request, "name") ?? "";
        DryRun = request.TryGetProperty("dryRun", out var dry) && dry.ValueKind == JsonValueKind.True;
        Object = ObjectOf(request, "object");
        OldObject = ObjectOf(request, "oldObject");
    }

    /// <summary>The request's uid, echoed in the response.</summary>
    public string Uid { get; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public string Operation { get; }

    /// <summary>The namespace of the request (the object's own may be absent on CREATE).</summary>
    public string Namespace { get; }

    /// <summary>The object's name (empty when it is generated).</summary>
    public string Name { get; }

    /// <summary>True for a dry run: judged, never counted.</summary>
    public bool DryRun { get; }

    /// <summary>The object as admitted (null for DELETE).</summary>
    public JsonElement? Object { get; }

    /// <summary>The object before an UPDATE.</summary>
    public JsonElement? OldObject { get; }

    /// <summary>Parses a review. <exception cref="FormatException">Not JSON, too deep, or not an admission.k8s.io/v1 AdmissionReview request.</exception></summary>
    public static AdmissionReviewRequest Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The body is not JSON: {e.Message}", e);
        }

        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "apiVersion") != "admission.k8s.io/v1" || Text(root, "kind") != "AdmissionReview")
            {
                throw new FormatException("Send an admission.k8s.io/v1 AdmissionReview (admissionReviewVersions: [v1]).");
            }

            if (!root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The AdmissionReview has no request.");
            }

            return new AdmissionReviewRequest(document, request);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>The raw UTF-8 JSON of an object of this request (valid while this request is not disposed).</summary>
    public static ReadOnlySpan<byte> Raw(JsonElement element) => JsonMarshal.GetRawUtf8Value(element);

    /// <summary>A string member of <paramref name="element"/>, or null.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public void Dispose() => _document.Dispose();

    private static JsonElement? ObjectOf(JsonElement request, string name) =>
        request.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
