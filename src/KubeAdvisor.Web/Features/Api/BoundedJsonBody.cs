using System.Text.Json;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// Reads a JSON request body of at most a given size (<see cref="BoundedBody"/>). Depth is bounded by the serializer
/// options (System.Text.Json's default of 64 levels).
/// </summary>
internal static class BoundedJsonBody
{
    /// <returns>The value, or an error sentence for a 400 (too large, not JSON).</returns>
    public static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var body = await BoundedBody.ReadAsync(request, maxBytes, ct);
        if (body is null)
        {
            return (default, $"The request body is larger than {maxBytes / 1024} KiB.");
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return (JsonSerializer.Deserialize<T>(body, options), null);
        }
        catch (JsonException e)
        {
            return (default, $"The body is not valid JSON: {e.Message}");
        }
    }
}
