using System.Text.Json;
using KubeAdvisor.Kubernetes.Admission;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KubeAdvisor.Agent.Admission;

/// <summary>
/// POST /validate on the HTTPS port: reads an AdmissionReview (the body bounded before parsing), judges it with the
/// pulled configuration and answers allowed, allowed with warnings, or refused with the failed policies and their fix.
/// Anything unreadable is a 400 (the API server then applies failurePolicy: Ignore); nothing a client sends ends the process.
/// Dry-run requests are judged but not counted.
/// </summary>
public sealed class AdmissionWebhook(AdmissionState state, AdmissionDecisionLog decisions, TimeProvider time, ILogger<AdmissionWebhook> logger)
{
    public const string Path = "/validate";

    /// <summary>The largest review read: an object may be 1.5 MiB in etcd, and an UPDATE carries two of them.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.IsHttps)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound; // the health port is plain HTTP and serves no reviews
            return;
        }

        using var body = await ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            await BadAsync(http, $"The AdmissionReview is larger than {MaxBodyBytes / (1024 * 1024)} MiB.");
            return;
        }

        AdmissionVerdict verdict;
        string uid;
        try
        {
            using var review = AdmissionReviewRequest.Parse(body.WrittenMemory); // reads the pooled body in place: disposed first
            uid = review.Uid;
            verdict = state.Judge.Judge(review, time.GetUtcNow());
            if (!review.DryRun)
            {
                decisions.Record(verdict);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException or OverflowException)
        {
            await BadAsync(http, $"The AdmissionReview cannot be read: {e.Message}");
            return;
        }

        if (!verdict.Allowed)
        {
            logger.LogInformation("Admission webhook refused {Namespace}: {Policies}", verdict.Namespace, string.Join(",", verdict.DeniedPolicies));
        }

        // Built whole in a pooled buffer, then sent with its length in one write (Kestrel sent the chunked answer in one
        // packet too: bench/admission/wire.py counts them).
        using var answer = new PooledBuffer(1024);
        AdmissionResponse.Write(answer, uid, verdict);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = answer.WrittenCount;
        await http.Response.Body.WriteAsync(answer.WrittenMemory, http.RequestAborted);
    }

    // Null when the body is over the limit (by its Content-Length, or counted while reading a chunked one). Read into a
    // pooled buffer of the announced length (plus the byte that lets the last read see the end).
    private static async Task<PooledBuffer?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var body = new PooledBuffer(request.ContentLength is { } length && length > 0 ? (int)length + 1 : 16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(body.GetMemory(), ct)) > 0)
            {
                body.Advance(read);
                if (body.WrittenCount > MaxBodyBytes)
                {
                    body.Dispose();
                    return null;
                }
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static async Task BadAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }
}
