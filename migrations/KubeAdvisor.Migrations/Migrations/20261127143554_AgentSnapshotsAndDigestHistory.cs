using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AgentSnapshotsAndDigestHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agent_snapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClusterId = table.Column<Guid>(type: "uuid", nullable: false),
                    SnapshotId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ScanId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AgentVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CompressedBytes = table.Column<int>(type: "integer", nullable: false),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_snapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agent_snapshots_clusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "clusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "digest_observations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClusterId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkloadUid = table.Column<string>(type: "text", nullable: false),
                    ContainerType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Container = table.Column<string>(type: "text", nullable: false),
                    Image = table.Column<string>(type: "text", nullable: false),
                    Digest = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastScanId = table.Column<Guid>(type: "uuid", nullable: false),
                    PodCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_digest_observations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_digest_observations_clusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "clusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_agent_snapshots_ClusterId_SnapshotId",
                table: "agent_snapshots",
                columns: new[] { "ClusterId", "SnapshotId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agent_snapshots_ReceivedAt",
                table: "agent_snapshots",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_digest_observations_ClusterId_WorkloadUid_ContainerType_Con~",
                table: "digest_observations",
                columns: new[] { "ClusterId", "WorkloadUid", "ContainerType", "Container", "Image", "Digest" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_snapshots");

            migrationBuilder.DropTable(
                name: "digest_observations");
        }
    }
}
