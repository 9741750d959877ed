using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// Reads a JSON request body of at most a given size: a larger Content-Length is refused unread, and a body without
/// one (chunked) is counted while it is read, so no more than the limit is ever buffered. Depth is bounded by the
/// serializer options (System.Text.Json's default of 64 levels).
/// </summary>
internal static class BoundedJsonBody
{
    /// <returns>The value, or an error sentence for a 400 (too large, not JSON).</returns>
    public static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var tooLarge = $"The request body is larger than {maxBytes / 1024} KiB.";
        if (request.ContentLength > maxBytes)
        {
            return (default, tooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (default, tooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, tooLarge);
        }

        buffer.Position = 0;
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return (await JsonSerializer.DeserializeAsync<T>(buffer, options, ct), null);
        }
        catch (JsonException e)
        {
            return (default, $"The body is not valid JSON: {e.Message}");
        }
    }
}
