using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PrivacyContactEmail",
                table: "Tenants",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrivacyContactName",
                table: "Tenants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrivacyContactPhone",
                table: "Tenants",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Format",
                table: "Audit",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // records written before this migration are format 1 (AuditEntry.Format)

            migrationBuilder.AddColumn<long>(
                name: "ReducedAt",
                table: "Audit",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReducibleHash",
                table: "Audit",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Salt",
                table: "Audit",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CorrectionRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Request = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<byte[]>(type: "BLOB", nullable: true),
                    HandledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CorrectionRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Audit_Brin_At",
                table: "Audit",
                columns: new[] { "Brin", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CorrectionRequests_Brin_PupilId",
                table: "CorrectionRequests",
                columns: new[] { "Brin", "PupilId" });

            migrationBuilder.CreateIndex(
                name: "IX_CorrectionRequests_Brin_Status",
                table: "CorrectionRequests",
                columns: new[] { "Brin", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CorrectionRequests");

            migrationBuilder.DropIndex(
                name: "IX_Audit_Brin_At",
                table: "Audit");

            migrationBuilder.DropColumn(
                name: "PrivacyContactEmail",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "PrivacyContactName",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "PrivacyContactPhone",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Format",
                table: "Audit");

            migrationBuilder.DropColumn(
                name: "ReducedAt",
                table: "Audit");

            migrationBuilder.DropColumn(
                name: "ReducibleHash",
                table: "Audit");

            migrationBuilder.DropColumn(
                name: "Salt",
                table: "Audit");
        }
    }
}
