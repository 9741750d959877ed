using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ScanTablesFillFactorDigestsOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "workloads")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AlterTable(
                name: "findings")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "workloads")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AlterTable(
                name: "findings")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
