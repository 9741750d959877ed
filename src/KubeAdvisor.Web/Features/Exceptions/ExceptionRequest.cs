using System.Text.Json.Serialization;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// A request for an exception, as the API's POST body and the request form send it (field names are part of the API:
/// scripts rely on them). Globs where it makes sense; null or "*" means any. A JSON field it does not know is an error:
/// a misspelt "namespce" must not silently widen the scope to every namespace.
/// </summary>
/// <param name="ClusterId">The cluster; null for all clusters.</param>
/// <param name="Namespace">Namespace glob.</param>
/// <param name="Kind">Workload kind glob.</param>
/// <param name="Name">Workload name glob.</param>
/// <param name="Container">Container name glob.</param>
/// <param name="Image">Image glob.</param>
/// <param name="Policies">Policy ids (at least one).</param>
/// <param name="Reason">Why (required).</param>
/// <param name="TicketUrl">An http(s) link to the ticket (optional).</param>
/// <param name="ExpiresAt">When it ends; null = 30 days from now (or the configured maximum when shorter).</param>
/// <param name="Approve">Admins only: false leaves their own request pending for another Admin; default true.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ExceptionRequest(
    Guid? ClusterId = null,
    string? Namespace = null,
    string? Kind = null,
    string? Name = null,
    string? Container = null,
    string? Image = null,
    IReadOnlyList<string>? Policies = null,
    string? Reason = null,
    string? TicketUrl = null,
    DateTimeOffset? ExpiresAt = null,
    bool? Approve = null);
