using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class FindingSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "findings",
                type: "text",
                nullable: false,
                computedColumnSql: "lower(\"WorkloadName\" || ' ' || \"Namespace\" || ' ' || coalesce(\"Image\", '') || ' ' || \"Message\" || ' ' || coalesce(\"Container\", ''))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_findings_search_trgm",
                table: "findings",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_findings_search_trgm",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "findings");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
