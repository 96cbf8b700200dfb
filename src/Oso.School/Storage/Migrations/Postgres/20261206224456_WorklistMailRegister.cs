using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorklistMailRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MailDigest",
                table: "StaffMemberships",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "MailEvents",
                table: "StaffMemberships",
                type: "integer",
                nullable: false,
                defaultValue: 7); // StaffMailEvents.Alle: existing staff get every mail, as new staff do

            migrationBuilder.AddColumn<long>(
                name: "RemindedAt",
                table: "ParentLinks",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BulkJobItems",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Result = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkJobItems", x => new { x.JobId, x.PupilId });
                });

            migrationBuilder.CreateTable(
                name: "BulkJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisterSchools",
                columns: table => new
                {
                    Brin = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Naam = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sector = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Plaats = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Gemeente = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Provincie = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RefreshedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterSchools", x => x.Brin);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulkJobs_Brin",
                table: "BulkJobs",
                column: "Brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkJobItems");

            migrationBuilder.DropTable(
                name: "BulkJobs");

            migrationBuilder.DropTable(
                name: "RegisterSchools");

            migrationBuilder.DropColumn(
                name: "MailDigest",
                table: "StaffMemberships");

            migrationBuilder.DropColumn(
                name: "MailEvents",
                table: "StaffMemberships");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "ParentLinks");
        }
    }
}
