using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AddNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FixedByScanId",
                table: "findings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "IntroducedByScanId",
                table: "findings",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notification_channels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EncryptedUrl = table.Column<string>(type: "text", nullable: true),
                    EncryptedSecret = table.Column<string>(type: "text", nullable: true),
                    Destination = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    EmailTo = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_channels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notification_routes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ChannelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Event = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MinSeverity = table.Column<int>(type: "integer", nullable: false),
                    ClusterIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    TeamIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ClusterLabel = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Namespace = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    PolicyIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    Limit = table.Column<int>(type: "integer", nullable: false),
                    QuietStartHour = table.Column<int>(type: "integer", nullable: true),
                    QuietEndHour = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_routes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notification_routes_notification_channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "notification_channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChannelId = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Event = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PayloadJson = table.Column<string>(type: "jsonb", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ResponseCode = table.Column<int>(type: "integer", nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NotBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notification_deliveries_notification_channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "notification_channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_notification_deliveries_notification_routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "notification_routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "notification_health_states",
                columns: table => new
                {
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClusterId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_health_states", x => new { x.RouteId, x.ClusterId });
                    table.ForeignKey(
                        name: "FK_notification_health_states_clusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "clusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_notification_health_states_notification_routes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "notification_routes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_findings_FixedByScanId",
                table: "findings",
                column: "FixedByScanId",
                filter: "\"FixedByScanId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_findings_IntroducedByScanId",
                table: "findings",
                column: "IntroducedByScanId",
                filter: "\"IntroducedByScanId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_notification_channels_Name",
                table: "notification_channels",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_ChannelId_Id",
                table: "notification_deliveries",
                columns: new[] { "ChannelId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_DedupKey",
                table: "notification_deliveries",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_MessageId",
                table: "notification_deliveries",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_RouteId",
                table: "notification_deliveries",
                column: "RouteId");

            migrationBuilder.CreateIndex(
                name: "IX_notification_health_states_ClusterId",
                table: "notification_health_states",
                column: "ClusterId");

            migrationBuilder.CreateIndex(
                name: "IX_notification_routes_ChannelId",
                table: "notification_routes",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_notification_routes_Event",
                table: "notification_routes",
                column: "Event");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_deliveries");

            migrationBuilder.DropTable(
                name: "notification_health_states");

            migrationBuilder.DropTable(
                name: "notification_routes");

            migrationBuilder.DropTable(
                name: "notification_channels");

            migrationBuilder.DropIndex(
                name: "IX_findings_FixedByScanId",
                table: "findings");

            migrationBuilder.DropIndex(
                name: "IX_findings_IntroducedByScanId",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "FixedByScanId",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "IntroducedByScanId",
                table: "findings");
        }
    }
}
