using System.Diagnostics;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Scans;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KubeAdvisor.Web.Features.Demo;

/// <summary>
/// ./run.sh --demo: seeds three clearly labelled demo clusters (prod-eu, prod-us, staging) with 90 days of history in
/// the real storage model — a succeeded scan a day with its summaries and score samples, daily rollups, workloads and
/// findings with first seen, resolved and the scans that introduced and fixed them, owned by demo teams (<see cref="DemoTeams"/>) — so trends, team pages, the fleet and digests
/// show their shapes on the first day (decision 0031). Once: the audit entry it writes keeps it from seeding again, also
/// after the history was removed. The clusters are <see cref="ConnectionType.DemoHistory"/>: never scanned.
/// </summary>
public sealed class DemoHistorySeeder(IDbContextFactory<KubeAdvisorDbContext> dbFactory, AuditLog audit, TimeProvider time, ILogger<DemoHistorySeeder> logger)
{
    /// <summary>The seeded clusters and their labels; a name already taken by another cluster is left out.</summary>
    public static readonly IReadOnlyList<(string Name, string LabelsJson)> Clusters =
    [
        ("prod-eu", """{"env":"prod","region":"eu-west-1","demo":"history"}"""),
        ("prod-us", """{"env":"prod","region":"us-east-1","demo":"history"}"""),
        ("staging", """{"env":"staging","region":"eu-west-1","demo":"history"}"""),
    ];

    /// <summary>Seeds the history unless it was seeded before; returns the clusters seeded now.</summary>
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.DemoHistorySeeded, ct))
        {
            return [];
        }

        var now = time.GetUtcNow();
        var names = Clusters.Select(c => c.Name).ToList();
        var taken = await db.Clusters.Where(c => names.Contains(c.Name)).Select(c => c.Name).ToListAsync(ct);
        var rows = new DemoHistoryRows();
        var seeded = new List<string>();
        var teams = await DemoTeams.EnsureAsync(db, now, ct);
        var position = await db.OwnershipRules.MaxAsync(r => (int?)r.Position, ct) ?? 0;
        for (var variant = 0; variant < Clusters.Count; variant++)
        {
            if (!taken.Contains(Clusters[variant].Name))
            {
                var cluster = DemoHistoryCluster.Add(db, rows, variant, Clusters[variant].Name, Clusters[variant].LabelsJson, teams, now);
                DemoTeams.AddRules(db, cluster, teams, ref position, now);
                seeded.Add(Clusters[variant].Name);
            }
        }

        audit.Add(db, "system", AuditActions.DemoHistorySeeded, string.Join(", ", seeded), "90 days of demo history (./run.sh --demo)");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return []; // another process seeded it (or took a name) at the same moment
        }

        await BulkCopy.InsertAsync(db, rows.Summaries, ct);
        await BulkCopy.InsertAsync(db, rows.Samples, ct);
        await BulkCopy.InsertAsync(db, rows.Rollups, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Demo history seeded for {Clusters} in {Seconds:F1} s ({Rows} rows)", string.Join(", ", seeded),
            clock.Elapsed.TotalSeconds, rows.Summaries.Count + rows.Samples.Count + rows.Rollups.Count + db.ChangeTracker.Entries().Count());
        return seeded;
    }

    /// <summary>The settings of the demo clusters: every pack on, so each story policy is enabled.</summary>
    internal static string Settings { get; } = PolicySettingsJson.Serialize(ClusterPolicySettings.Default with
    {
        Packs = PolicyPacks.Names.ToDictionary(p => p, _ => true),
    });
}
