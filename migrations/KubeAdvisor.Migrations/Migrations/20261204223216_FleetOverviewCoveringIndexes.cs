using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class FleetOverviewCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_scan_summaries_ScanId_Namespace_PolicyId",
                table: "scan_summaries");

            migrationBuilder.DropIndex(
                name: "IX_daily_rollups_cluster_rows_by_day",
                table: "daily_rollups");

            migrationBuilder.CreateIndex(
                name: "IX_scan_summaries_ScanId_Namespace_PolicyId",
                table: "scan_summaries",
                columns: new[] { "ScanId", "Namespace", "PolicyId" },
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "Failed" });

            migrationBuilder.CreateIndex(
                name: "IX_daily_rollups_cluster_rows_by_day",
                table: "daily_rollups",
                column: "Day",
                filter: "\"Namespace\" = ''")
                .Annotation("Npgsql:IndexInclude", new[] { "PassedWeight", "FailedWeight", "Scans", "FailedChecks", "ClusterId", "Score", "Introduced", "Fixed" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_scan_summaries_ScanId_Namespace_PolicyId",
                table: "scan_summaries");

            migrationBuilder.DropIndex(
                name: "IX_daily_rollups_cluster_rows_by_day",
                table: "daily_rollups");

            migrationBuilder.CreateIndex(
                name: "IX_scan_summaries_ScanId_Namespace_PolicyId",
                table: "scan_summaries",
                columns: new[] { "ScanId", "Namespace", "PolicyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_daily_rollups_cluster_rows_by_day",
                table: "daily_rollups",
                column: "Day",
                filter: "\"Namespace\" = ''")
                .Annotation("Npgsql:IndexInclude", new[] { "PassedWeight", "FailedWeight", "Scans", "FailedChecks" });
        }
    }
}
