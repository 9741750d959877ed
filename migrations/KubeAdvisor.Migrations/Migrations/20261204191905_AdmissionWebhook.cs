using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AdmissionWebhook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AdmissionMinSeverity",
                table: "clusters",
                type: "integer",
                nullable: false,
                defaultValue: 3); // Severity.High for existing clusters

            migrationBuilder.AddColumn<string>(
                name: "AdmissionMode",
                table: "clusters",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "Off"); // existing clusters: no admission judging until an Admin turns it on

            migrationBuilder.CreateTable(
                name: "admission_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClusterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Namespace = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Policy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Allowed = table.Column<long>(type: "bigint", nullable: false),
                    Warned = table.Column<long>(type: "bigint", nullable: false),
                    Denied = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_admission_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_admission_decisions_clusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "clusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_admission_decisions_ClusterId_Day_Namespace_Policy",
                table: "admission_decisions",
                columns: new[] { "ClusterId", "Day", "Namespace", "Policy" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "admission_decisions");

            migrationBuilder.DropColumn(
                name: "AdmissionMinSeverity",
                table: "clusters");

            migrationBuilder.DropColumn(
                name: "AdmissionMode",
                table: "clusters");
        }
    }
}
