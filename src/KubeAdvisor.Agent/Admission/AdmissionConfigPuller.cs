using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KubeAdvisor.Kubernetes.Admission;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeAdvisor.Agent.Admission;

/// <summary>
/// Pulls the cluster's admission configuration from <c>GET /api/v1/agent/admission</c> on start and every
/// ADMISSION_REFRESH_SECONDS, with If-None-Match (an unchanged configuration is a 304). Any failure keeps the last good
/// configuration (or, before the first pull, allows everything) and is reported on /readyz and in the log, once per change.
/// </summary>
public sealed class AdmissionConfigPuller(
    HttpClient http, AgentOptions options, AdmissionState state, TimeProvider time, ILogger<AdmissionConfigPuller> logger) : BackgroundService
{
    public const string Path = "api/v1/agent/admission";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogWarning("Admission webhook: allowing every request until the cluster's admission settings are pulled from {Server}", options.ServerUrl);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await PullAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(options.AdmissionRefreshSeconds), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>One pull; the outcome is in <see cref="AdmissionState"/>.</summary>
    public async Task PullAsync(CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(options.ServerUrl.TrimEnd('/') + "/"), Path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("KubeAdvisor-Agent", AgentVersion.Current));
            if (state.ETag is { } etag && state.Loaded)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(TimeSpan.FromSeconds(Math.Min(30, options.RequestTimeoutSeconds)));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                state.Unchanged(time.GetUtcNow());
                return;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                Fail(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? $"{(int)response.StatusCode}: the server rejected the agent token"
                    : $"{(int)response.StatusCode} from the server");
                return;
            }

            var body = await ReadBoundedAsync(response, cts.Token);
            var config = AdmissionJson.Read(body);
            var before = state.Loaded ? state.Judge.Config : null;
            state.Replace(config, response.Headers.ETag?.ToString(), time.GetUtcNow());
            if (before is null || before.Mode != config.Mode || before.MinSeverity != config.MinSeverity)
            {
                logger.LogInformation("Admission webhook: mode {Mode}{Severity}, {Exceptions} approved exception(s)",
                    config.Mode.ToString().ToLowerInvariant(), config.Mode == Core.Admission.AdmissionMode.Deny ? $" at {config.MinSeverity.ToString().ToLowerInvariant()} or above" : "",
                    config.Exceptions.Count);
            }
        }
        catch (HttpRequestException e)
        {
            Fail($"cannot reach {options.ServerUrl}: {e.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Fail($"{options.ServerUrl} did not answer in time");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            Fail($"the admission settings could not be read: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever else goes wrong here must not stop the agent (an exception leaving a BackgroundService stops the host).
            Fail($"pulling the admission settings failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Fail(string problem)
    {
        var changed = state.Problem != problem;
        state.Failed(problem);
        if (changed)
        {
            logger.LogWarning("Admission webhook: {Problem}; {Keeping}", problem,
                state.Loaded ? "judging with the last settings pulled" : "allowing every request until the settings can be pulled");
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > AdmissionJson.MaxBytes)
        {
            throw new InvalidDataException($"the configuration is larger than {AdmissionJson.MaxBytes} bytes");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > AdmissionJson.MaxBytes)
            {
                throw new InvalidDataException($"the configuration is larger than {AdmissionJson.MaxBytes} bytes");
            }
        }

        return buffer.ToArray();
    }
}
