using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PooledTrendIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_daily_rollups_cluster_rows_by_day",
                table: "daily_rollups",
                column: "Day",
                filter: "\"Namespace\" = ''")
                .Annotation("Npgsql:IndexInclude", new[] { "PassedWeight", "FailedWeight", "Scans", "FailedChecks" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_daily_rollups_cluster_rows_by_day",
                table: "daily_rollups");
        }
    }
}
