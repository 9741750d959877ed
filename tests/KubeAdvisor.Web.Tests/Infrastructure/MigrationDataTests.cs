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

    [Fact]
    public async Task SecurityHardening_OldTokensAndSnapshots_GetOwnersExpiryAndDigestsWithoutPayloads()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using var ctx = DashboardSeeder.Context(db.ConnectionString);
        var migrator = ctx.GetService<IMigrator>();
        await migrator.MigrateAsync("DigestObservationsGoneAt");
        await db.ScalarAsync("""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled",
                "LockoutEnabled", "AccessFailedCount", "IsDisabled", "CreatedAt")
            VALUES ('user-1', 'ann@test.local', 'ANN@TEST.LOCAL', 'ann@test.local', true, false, false, true, 0, false, now());
            INSERT INTO api_tokens ("Id", "Name", "Role", "TokenHash", "Prefix", "CreatedAt", "CreatedBy") VALUES
                ('aaaaaaaa-0000-0000-0000-000000000001', 'bootstrap', 'Admin', 'h1', 'ka_1', '2026-01-01', 'system'),
                ('aaaaaaaa-0000-0000-0000-000000000002', 'ci', 'Engineer', 'h2', 'ka_2', '2026-01-01', 'ann@test.local'),
                ('aaaaaaaa-0000-0000-0000-000000000003', 'orphan', 'Admin', 'h3', 'ka_3', now(), 'gone@test.local');
            INSERT INTO clusters ("Id", "Name", "ConnectionType", "IsDemo", "InsecureSkipTlsVerify", "ScanIntervalMinutes", "PolicySettingsJson",
                "AgentIntervalMinutes", "CreatedAt")
            VALUES ('11111111-1111-1111-1111-111111111111', 'edge', 1, false, false, 60, '{}', 10, now());
            INSERT INTO agent_snapshots ("Id", "ClusterId", "SnapshotId", "ScanId", "ReceivedAt", "CompressedBytes", "Payload", "ProcessedAt") VALUES
                ('bbbbbbbb-0000-0000-0000-000000000001', '11111111-1111-1111-1111-111111111111', 'failed', gen_random_uuid(), now(), 3, '\x010203', now()),
                ('bbbbbbbb-0000-0000-0000-000000000002', '11111111-1111-1111-1111-111111111111', 'queued', gen_random_uuid(), now(), 2, '\x0405', null);
            """);

        await migrator.MigrateAsync();

        Assert.Equal("bootstrap:system:never;ci:user-1:2026-04-01 or later;orphan:none:90 days",
            await db.ScalarAsync("""
                SELECT string_agg("Name" || ':' || CASE WHEN "IsSystem" THEN 'system' ELSE coalesce("OwnerUserId", 'none') END || ':' ||
                    CASE WHEN "ExpiresAt" IS NULL THEN 'never'
                         WHEN "Name" = 'ci' AND "ExpiresAt" >= '2026-04-01' THEN '2026-04-01 or later'
                         WHEN "ExpiresAt" BETWEEN now() + interval '89 days' AND now() + interval '91 days' THEN '90 days'
                         ELSE "ExpiresAt"::text END, ';' ORDER BY "Name")
                FROM api_tokens
                """));
        Assert.Equal("failed:0:039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81;queued:2:2fa1b377bf67309f65e5e7bc9d924345ca648dec4e601a398a9cb497dcba3765",
            await db.ScalarAsync("""
                SELECT string_agg("SnapshotId" || ':' || octet_length("Payload") || ':' || "PayloadSha256", ';' ORDER BY "SnapshotId") FROM agent_snapshots
                """));
    }
}
