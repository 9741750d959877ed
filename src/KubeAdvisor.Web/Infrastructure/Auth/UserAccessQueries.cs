using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>
/// The one query for "what may this user do right now": the access guard, the role authorization handler, the
/// session revalidation and the API token handler all ask it, so a disabled or demoted user loses rights
/// everywhere at once.
/// </summary>
public static class UserAccessQueries
{
    /// <returns>null when the user no longer exists.</returns>
    public static async Task<UserAccess?> FindAsync(KubeAdvisorDbContext db, string userId, CancellationToken ct)
    {
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id, u.UserName, u.IsDisabled, u.SecurityStamp,
                Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        // A user has one role; should there ever be more, the highest applies, as it would for the role claims.
        var role = row.Roles.OrderByDescending(Roles.Rank).FirstOrDefault();
        return new UserAccess(row.Id, row.UserName ?? "", row.IsDisabled, row.SecurityStamp, role);
    }
}
