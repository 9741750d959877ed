using Microsoft.AspNetCore.Identity;

namespace KubeAdvisor.Data.Entities;

/// <summary>A person who signs in. Roles come from Identity (Admin, Engineer, Viewer).</summary>
public sealed class AppUser : IdentityUser
{
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
