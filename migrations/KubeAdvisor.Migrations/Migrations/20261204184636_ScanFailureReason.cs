using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ScanFailureReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FailureReason",
                table: "scans",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_scans_finished_at",
                table: "scans",
                column: "FinishedAt",
                filter: "\"FinishedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_scans_finished_at",
                table: "scans");

            migrationBuilder.DropColumn(
                name: "FailureReason",
                table: "scans");
        }
    }
}
