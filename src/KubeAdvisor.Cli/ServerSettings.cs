using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Cli;

/// <summary>
/// Pulls a cluster's settings and approved exceptions from KubeAdvisor's API (any role's token may read them), so CI
/// applies what the dashboard shows: <c>GET /api/v1/clusters</c> (the id by name),
/// <c>/clusters/{id}/policy-settings</c> (the settings document, read by the same <see cref="PolicySettingsDocument"/>)
/// and <c>/clusters/{id}/exceptions/active</c> (every approved one of this cluster and of all clusters, uncapped). Any failure is a
/// <see cref="UsageException"/> naming the server, never the token.
/// </summary>
internal static class ServerSettings
{
    private const int MaxResponseBytes = 16 * 1024 * 1024;

    public static async Task<ScanSettings> LoadAsync(Uri server, string token, string cluster, DateTimeOffset now, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30), MaxResponseContentBufferSize = MaxResponseBytes };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("kubeadvisor-cli", CliText.Version));

        using var clusters = JsonDocument.Parse(await GetAsync(http, server, "api/v1/clusters", ct));
        var id = clusters.RootElement.ValueKind == JsonValueKind.Array
            ? clusters.RootElement.EnumerateArray()
                .Where(c => c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == cluster)
                .Select(c => c.GetProperty("id").GetString())
                .FirstOrDefault()
            : null;
        if (id is null)
        {
            throw new UsageException($"{server}: there is no cluster named '{cluster}' (names are case-sensitive).");
        }

        var settingsText = await GetAsync(http, server, $"api/v1/clusters/{id}/policy-settings", ct);
        var parsed = PolicySettingsDocument.Parse(settingsText);
        if (parsed.Document is null)
        {
            throw new UsageException($"{server}: the settings of '{cluster}' could not be read: {string.Join(" ", parsed.Errors)}");
        }

        using var exceptions = JsonDocument.Parse(await GetAsync(http, server, $"api/v1/clusters/{id}/exceptions/active", ct));
        var rules = ExceptionItems.Rules(exceptions.RootElement, now);
        return new ScanSettings(parsed.Document.Settings, new ExceptionSet(rules, now),
            $"settings and {rules.Count} approved exception(s) of cluster '{cluster}' from {server}");
    }

    private static async Task<string> GetAsync(HttpClient http, Uri server, string path, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, ct);
        }
        catch (HttpRequestException e)
        {
            throw new UsageException($"cannot reach {server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new UsageException($"{server} did not answer within {http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var what = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => "the token was refused (401): check KUBEADVISOR_TOKEN",
                HttpStatusCode.Forbidden => "the token may not read this (403)",
                HttpStatusCode.NotFound => "not found (404): is this a KubeAdvisor server of this version?",
                _ when !response.IsSuccessStatusCode => $"answered {(int)response.StatusCode} {response.ReasonPhrase}",
                _ => null,
            };
            if (what is not null)
            {
                throw new UsageException($"{server}{path.Split('?')[0]}: {what}.");
            }

            try
            {
                return await response.Content.ReadAsStringAsync(ct);
            }
            catch (HttpRequestException e)
            {
                throw new UsageException($"{server}{path.Split('?')[0]}: {e.Message}");
            }
        }
    }
}
