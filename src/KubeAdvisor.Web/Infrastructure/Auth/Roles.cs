namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>The three roles. Viewer = managers (read-only), Engineer = scans and exports, Admin = everything.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Engineer = "Engineer";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Engineer, Viewer];

    public static bool IsValid(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>Admin 3 &gt; Engineer 2 &gt; Viewer 1; 0 for no or an unknown role.</summary>
    public static int Rank(string? role) => role switch
    {
        Admin => 3,
        Engineer => 2,
        Viewer => 1,
        _ => 0,
    };

    /// <summary>The lower of two roles (null when either is missing or unknown): a token never outranks its owner.</summary>
    public static string? Lower(string? a, string? b) =>
        Rank(a) == 0 || Rank(b) == 0 ? null : Rank(a) <= Rank(b) ? a : b;

    /// <summary>Whether <paramref name="role"/> is at most <paramref name="ceiling"/>.</summary>
    public static bool IsAtMost(string role, string? ceiling) => Rank(role) > 0 && Rank(role) <= Rank(ceiling);
}
