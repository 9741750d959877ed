using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeAdvisor.Testing.Admission;

/// <summary>AdmissionReview (admission.k8s.io/v1) requests as the API server sends them, and reading the answers.</summary>
public static class AdmissionReviews
{
    /// <summary>A Deployment with one container of <paramref name="image"/>.</summary>
    public static JsonObject Deployment(string ns, string name, string image, int replicas = 2) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = image }) },
            },
        },
    };

    /// <summary>The review of <paramref name="obj"/>; the namespace and name are taken from its metadata.</summary>
    public static string Review(JsonObject obj, string operation = "CREATE", bool dryRun = false, JsonObject? oldObject = null, string? uid = null)
    {
        var meta = obj["metadata"]!;
        var request = new JsonObject
        {
            ["uid"] = uid ?? Guid.NewGuid().ToString(),
            ["kind"] = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["kind"] = obj["kind"]!.GetValue<string>() },
            ["namespace"] = meta["namespace"]?.GetValue<string>(),
            ["name"] = meta["name"]?.GetValue<string>(),
            ["operation"] = operation,
            ["dryRun"] = dryRun,
            ["object"] = obj.DeepClone(),
        };
        if (oldObject is not null)
        {
            request["oldObject"] = oldObject.DeepClone();
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString();
    }

    /// <summary>POSTs a review to /validate and returns its <c>response</c>.</summary>
    public static async Task<JsonObject> SendAsync(HttpClient webhook, string review)
    {
        using var content = new StringContent(review, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await webhook.PostAsync("/validate", content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/validate answered {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body)!["response"]!.AsObject();
    }
}
