using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DigestObservationsGoneAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "digest_observations")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GoneAt",
                table: "digest_observations",
                type: "timestamp with time zone",
                nullable: true);

            // Until now a digest ran "now" when the cluster's last succeeded scan had seen it (LastScanId); the others
            // stopped after they were last seen.
            migrationBuilder.Sql("""
                UPDATE digest_observations d SET "GoneAt" = d."LastSeen"
                WHERE NOT EXISTS (SELECT 1 FROM clusters c WHERE c."Id" = d."ClusterId" AND c."LastSucceededScanId" = d."LastScanId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "GoneAt",
                table: "digest_observations");

            migrationBuilder.AlterTable(
                name: "digest_observations")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
