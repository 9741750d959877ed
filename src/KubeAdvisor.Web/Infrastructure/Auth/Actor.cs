using System.Security.Claims;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>
/// Who acts, with the rights they have now. <see cref="UserId"/> is the user (for a token: its owner; null for a
/// system token), <see cref="Role"/> the current role (for a token: the lower of the token's and the owner's).
/// </summary>
public sealed record Actor(string Name, string? UserId, string Role, bool IsSystem = false)
{
    /// <summary>A principal carrying only what the database says now, for evaluating the policies.</summary>
    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, Name),
            new Claim(ClaimTypes.NameIdentifier, UserId ?? Name),
            new Claim(ClaimTypes.Role, Role),
        ],
        "KubeAdvisor.Current"));
}
