namespace KubeAdvisor.Web.Features.Audit;

/// <summary>Where an audited action came from: the client address and its user agent.</summary>
public sealed record AuditClient(string? Address, string? UserAgent)
{
    public static readonly AuditClient None = new(null, null);

    public static AuditClient From(HttpContext? http)
    {
        if (http is null)
        {
            return None;
        }

        var agent = http.Request.Headers.UserAgent.ToString();
        return new(http.Connection.RemoteIpAddress?.ToString(), agent.Length == 0 ? null : agent);
    }
}
