using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "MailEvents",
                table: "StaffMemberships",
                type: "INTEGER",
                nullable: false,
                defaultValue: 7); // StaffMailEvents.Alle: existing staff get every mail, as new staff do

            migrationBuilder.AddColumn<long>(
                name: "RemindedAt",
                table: "ParentLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BulkJobItems",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkJobItems", x => new { x.JobId, x.PupilId });
                });

            migrationBuilder.CreateTable(
                name: "BulkJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisterSchools",
                columns: table => new
                {
                    Brin = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Naam = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Plaats = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Gemeente = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Provincie = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RefreshedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
