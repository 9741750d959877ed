namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>The three roles. Viewer = managers (read-only), Engineer = scans and exports, Admin = everything.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Engineer = "Engineer";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Engineer, Viewer];

    public static bool IsValid(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
