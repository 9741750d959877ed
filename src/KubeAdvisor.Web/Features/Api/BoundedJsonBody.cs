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
    /// <param name="request">The request whose body is read.</param>
    /// <param name="maxBytes">The largest accepted body.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <param name="optional">True: an empty (or blank) body is no error and gives the default value.</param>
    public static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken ct, bool optional = false)
    {
        var body = await BoundedBody.ReadAsync(request, maxBytes, ct);
        if (body is null)
        {
            return (default, $"The request body is larger than {maxBytes / 1024} KiB.");
        }

        if (optional && body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return (default, null);
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
