using KubeAdvisor.Core.Admission;
using KubeAdvisor.Data;
using Npgsql;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Admission;

/// <summary>
/// Adds the admission decisions an agent pushed with a snapshot to the cluster's daily counts, in the caller's
/// transaction (the snapshot intake's, under the cluster's row lock): a replayed snapshot is recognised before this
/// runs, so nothing is counted twice. One statement, whatever the number of rows.
/// </summary>
public static class AdmissionDecisionStore
{
    public static async Task AddAsync(KubeAdvisorDbContext db, Guid clusterId, IReadOnlyList<AdmissionDecisionCount> counts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            return;
        }

        // Summed first: two rows of one key in one statement would make ON CONFLICT touch a row twice (an error).
        var rows = counts.GroupBy(c => (c.Day, c.Namespace, c.Policy))
            .Select(g => (g.Key, Allowed: g.Sum(c => (long)c.Allowed), Warned: g.Sum(c => (long)c.Warned), Denied: g.Sum(c => (long)c.Denied)))
            .ToList();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO admission_decisions ("ClusterId", "Day", "Namespace", "Policy", "Allowed", "Warned", "Denied")
            SELECT @cluster, d.day, d.ns, d.policy, d.allowed, d.warned, d.denied
            FROM unnest(@days, @namespaces, @policies, @allowed, @warned, @denied) AS d(day, ns, policy, allowed, warned, denied)
            ON CONFLICT ("ClusterId", "Day", "Namespace", "Policy") DO UPDATE SET
                "Allowed" = admission_decisions."Allowed" + excluded."Allowed",
                "Warned" = admission_decisions."Warned" + excluded."Warned",
                "Denied" = admission_decisions."Denied" + excluded."Denied"
            """,
            [
                new NpgsqlParameter("cluster", clusterId),
                new NpgsqlParameter("days", rows.Select(r => r.Key.Day).ToArray()),
                new NpgsqlParameter("namespaces", rows.Select(r => r.Key.Namespace).ToArray()),
                new NpgsqlParameter("policies", rows.Select(r => r.Key.Policy).ToArray()),
                new NpgsqlParameter("allowed", rows.Select(r => r.Allowed).ToArray()),
                new NpgsqlParameter("warned", rows.Select(r => r.Warned).ToArray()),
                new NpgsqlParameter("denied", rows.Select(r => r.Denied).ToArray()),
            ], ct);
    }
}
