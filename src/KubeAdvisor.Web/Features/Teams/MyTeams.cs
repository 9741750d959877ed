using System.Security.Claims;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Teams;

/// <summary>
/// "My teams": the teams of whoever asks, for the explorer, its CSV export and the API alike. The user is who
/// <see cref="AccessGuard"/> says they are now (a signed-in user, or an API token's owner; a system token has no teams).
/// </summary>
public sealed class MyTeams(AccessGuard guard, TeamQueries teams)
{
    /// <summary>The teams <paramref name="user"/> is in now; none when signed out, disabled or a system token.</summary>
    public async Task<IReadOnlyList<Guid>> OfAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        await guard.CurrentAsync(user, ct) is { UserId: { } id } ? await teams.TeamsOfAsync(id, ct) : [];

    /// <summary>The filter with <c>team=mine</c> replaced by the user's teams (any other filter as it is).</summary>
    public async Task<FindingsFilter> ResolveAsync(FindingsFilter filter, ClaimsPrincipal user, CancellationToken ct = default) =>
        filter.Team == FindingsFilter.Mine ? filter.WithTeams(await OfAsync(user, ct)) : filter;
}
