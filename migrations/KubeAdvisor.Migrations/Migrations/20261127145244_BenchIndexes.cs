using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class BenchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_findings_open_cluster_severity",
                table: "findings",
                columns: new[] { "ClusterId", "Severity" },
                filter: "\"IsOpen\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_findings_open_cluster_severity",
                table: "findings");
        }
    }
}
