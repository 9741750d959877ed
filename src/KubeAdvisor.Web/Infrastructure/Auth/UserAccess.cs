namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>A user's rights as the database holds them now (not as a cookie or a circuit captured them).</summary>
public sealed record UserAccess(string Id, string Name, bool IsDisabled, string? SecurityStamp, string? Role)
{
    /// <summary>Exists (we have a row), is not disabled and has a known role.</summary>
    public bool IsActive => !IsDisabled && Roles.Rank(Role) > 0;
}
