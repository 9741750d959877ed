using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KubeAdvisor.Web.Tests.Infrastructure;

/// <summary>Migrations that change data, run from the migration before them against rows written the old way.</summary>
public sealed class MigrationDataTests
{
    [Fact]
    public async Task DigestObservationsGoneAt_RowsTheLastScanDidNotSee_AreMarkedGoneAtTheirLastSeen()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using var ctx = DashboardSeeder.Context(db.ConnectionString);
        var migrator = ctx.GetService<IMigrator>();
        await migrator.MigrateAsync("ScanTablesFillFactorDigestsOnly");
        await db.ScalarAsync("""
            INSERT INTO clusters ("Id", "Name", "ConnectionType", "IsDemo", "InsecureSkipTlsVerify", "ScanIntervalMinutes", "PolicySettingsJson",
                "AgentIntervalMinutes", "CreatedAt", "LastSucceededScanId")
            VALUES ('11111111-1111-1111-1111-111111111111', 'old', 0, false, false, 60, '{}', 10, now(), '22222222-2222-2222-2222-222222222222');
            INSERT INTO digest_observations ("ClusterId", "WorkloadUid", "ContainerType", "Container", "Image", "Digest", "FirstSeen", "LastSeen", "LastScanId", "PodCount")
            VALUES ('11111111-1111-1111-1111-111111111111', 'u', 'Regular', 'c', 'nginx:latest', 'sha256:running', '2026-11-01', '2026-11-20', '22222222-2222-2222-2222-222222222222', 2),
                   ('11111111-1111-1111-1111-111111111111', 'u', 'Regular', 'c', 'nginx:latest', 'sha256:stopped', '2026-10-01', '2026-10-15', '33333333-3333-3333-3333-333333333333', 1);
            """);

        await migrator.MigrateAsync();

        Assert.Equal("sha256:running=;sha256:stopped=2026-10-15",
            await db.ScalarAsync("""
                SELECT string_agg("Digest" || '=' || coalesce(to_char("GoneAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD'), ''), ';' ORDER BY "Digest")
                FROM digest_observations
                """));
    }
}
