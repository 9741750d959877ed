using Microsoft.AspNetCore.Http.Features;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// Reads a request body of at most a given size, for the endpoints that take more than a small JSON document (cluster
/// kubeconfigs, agent snapshots): a larger Content-Length is refused unread, the server's own limit is set to just
/// above it for this request, and a body without a length (chunked) is counted while it is read, so no more than the
/// limit is ever buffered.
/// </summary>
internal static class BoundedBody
{
    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1;
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
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
