using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class TeamsAndOwnership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LabelsJson",
                table: "workloads",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            migrationBuilder.AddColumn<Guid>(
                name: "TeamId",
                table: "workloads",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TeamId",
                table: "findings",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "namespaces",
                columns: table => new
                {
                    ClusterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    LabelsJson = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_namespaces", x => new { x.ClusterId, x.Name });
                    table.ForeignKey(
                        name: "FK_namespaces_clusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "clusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ownership_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClusterId = table.Column<Guid>(type: "uuid", nullable: true),
                    Namespaces = table.Column<List<string>>(type: "text[]", nullable: false),
                    NamespaceLabel = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    WorkloadKey = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    WorkloadValue = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ownership_rules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ownership_rules_clusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "clusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ownership_rules_teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "team_members",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_team_members", x => new { x.TeamId, x.UserId });
                    table.ForeignKey(
                        name: "FK_team_members_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_team_members_teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_workloads_TeamId",
                table: "workloads",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_findings_TeamId_IsOpen",
                table: "findings",
                columns: new[] { "TeamId", "IsOpen" });

            migrationBuilder.CreateIndex(
                name: "IX_ownership_rules_ClusterId",
                table: "ownership_rules",
                column: "ClusterId");

            migrationBuilder.CreateIndex(
                name: "IX_ownership_rules_Position",
                table: "ownership_rules",
                column: "Position");

            migrationBuilder.CreateIndex(
                name: "IX_ownership_rules_TeamId",
                table: "ownership_rules",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_team_members_UserId",
                table: "team_members",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_teams_Name",
                table: "teams",
                column: "Name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_findings_teams_TeamId",
                table: "findings",
                column: "TeamId",
                principalTable: "teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_workloads_teams_TeamId",
                table: "workloads",
                column: "TeamId",
                principalTable: "teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_findings_teams_TeamId",
                table: "findings");

            migrationBuilder.DropForeignKey(
                name: "FK_workloads_teams_TeamId",
                table: "workloads");

            migrationBuilder.DropTable(
                name: "namespaces");

            migrationBuilder.DropTable(
                name: "ownership_rules");

            migrationBuilder.DropTable(
                name: "team_members");

            migrationBuilder.DropTable(
                name: "teams");

            migrationBuilder.DropIndex(
                name: "IX_workloads_TeamId",
                table: "workloads");

            migrationBuilder.DropIndex(
                name: "IX_findings_TeamId_IsOpen",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "LabelsJson",
                table: "workloads");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "workloads");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "findings");
        }
    }
}
