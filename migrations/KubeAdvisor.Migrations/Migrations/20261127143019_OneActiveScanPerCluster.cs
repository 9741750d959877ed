using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class OneActiveScanPerCluster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_scans_one_active_per_cluster",
                table: "scans",
                column: "ClusterId",
                unique: true,
                filter: "\"Status\" IN (0, 1)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_scans_one_active_per_cluster",
                table: "scans");
        }
    }
}
