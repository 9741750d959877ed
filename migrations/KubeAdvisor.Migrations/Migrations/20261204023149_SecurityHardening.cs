using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KubeAdvisor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SecurityHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UserAgent",
                table: "audit_entries",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiresAt",
                table: "api_tokens",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiryAuditedAt",
                table: "api_tokens",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsSystem",
                table: "api_tokens",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OwnerUserId",
                table: "api_tokens",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayloadSha256",
                table: "agent_snapshots",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_OwnerUserId",
                table: "api_tokens",
                column: "OwnerUserId");

            // Tokens made before owners existed: the bootstrap token is the system's; any other belongs to the user who
            // created it (by name). A token whose creator no longer exists keeps no owner and is rejected from now on.
            // Tokens never expired until now; they get the default 90 days from their creation, at least 14 days from today,
            // so an upgrade does not break a pipeline overnight.
            migrationBuilder.Sql("""
                UPDATE api_tokens SET "IsSystem" = true WHERE "CreatedBy" = 'system';
                UPDATE api_tokens t SET "OwnerUserId" = u."Id" FROM "AspNetUsers" u
                    WHERE NOT t."IsSystem" AND u."UserName" = t."CreatedBy";
                UPDATE api_tokens SET "ExpiresAt" = greatest("CreatedAt" + interval '90 days', now() + interval '14 days')
                    WHERE NOT "IsSystem";
                """);

            // Snapshots stored before: keep their digest; an evaluated one (succeeded or failed) keeps no payload.
            migrationBuilder.Sql("""
                UPDATE agent_snapshots SET "PayloadSha256" = encode(sha256("Payload"), 'hex') WHERE octet_length("Payload") > 0;
                UPDATE agent_snapshots SET "Payload" = ''::bytea WHERE "ProcessedAt" IS NOT NULL AND octet_length("Payload") > 0;
                """);

            // The audit log is append-only for the application: no UPDATE, DELETE or TRUNCATE passes.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_entries is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
                    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_entries_no_truncate ON audit_entries;
                DROP TRIGGER audit_entries_no_change ON audit_entries;
                DROP FUNCTION audit_entries_append_only();
                """);

            migrationBuilder.DropIndex(
                name: "IX_api_tokens_OwnerUserId",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "UserAgent",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "ExpiryAuditedAt",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "IsSystem",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "OwnerUserId",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "PayloadSha256",
                table: "agent_snapshots");
        }
    }
}
