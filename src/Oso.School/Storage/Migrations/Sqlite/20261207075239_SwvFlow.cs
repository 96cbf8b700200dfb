using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SwvFlow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SwvReceipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    SwvRouteringsKenmerk = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolBrin = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolRouteringsKenmerk = table.Column<string>(type: "TEXT", nullable: false),
                    Koppelsleutel = table.Column<Guid>(type: "TEXT", nullable: false),
                    AfzenderSysteem = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    SessieId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Resultaat = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Valid = table.Column<bool>(type: "INTEGER", nullable: false),
                    Meldingen = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Handtekening = table.Column<byte[]>(type: "BLOB", nullable: true),
                    HandtekeningStatus = table.Column<string>(type: "TEXT", nullable: false),
                    Ondertekenaar = table.Column<string>(type: "TEXT", nullable: true),
                    OndertekendOp = table.Column<long>(type: "INTEGER", nullable: true),
                    DossierSha256 = table.Column<string>(type: "TEXT", nullable: true),
                    Ontvangstbevestiging = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Trace = table.Column<string>(type: "TEXT", nullable: false),
                    NotifiedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SwvReceipts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SwvSendings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReleaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SwvBrin = table.Column<string>(type: "TEXT", nullable: false),
                    SwvRouteringsKenmerk = table.Column<string>(type: "TEXT", nullable: true),
                    SwvUrl = table.Column<string>(type: "TEXT", nullable: true),
                    BronRouteringsKenmerk = table.Column<string>(type: "TEXT", nullable: false),
                    Profiel = table.Column<string>(type: "TEXT", nullable: false),
                    Koppelsleutel = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Resultaat = table.Column<string>(type: "TEXT", nullable: true),
                    Trace = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    FetchedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SwvSendings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Terugkoppelingen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    Richting = table.Column<string>(type: "TEXT", nullable: false),
                    PartnerBrin = table.Column<string>(type: "TEXT", nullable: false),
                    Koppelsleutel = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExchangeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Xml = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Resultaat = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", nullable: true),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Terugkoppelingen", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SwvReceipts_Brin",
                table: "SwvReceipts",
                column: "Brin");

            migrationBuilder.CreateIndex(
                name: "IX_SwvReceipts_Koppelsleutel",
                table: "SwvReceipts",
                column: "Koppelsleutel",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SwvSendings_Brin_PupilId",
                table: "SwvSendings",
                columns: new[] { "Brin", "PupilId" });

            migrationBuilder.CreateIndex(
                name: "IX_SwvSendings_Koppelsleutel",
                table: "SwvSendings",
                column: "Koppelsleutel",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Terugkoppelingen_Brin_Richting_At",
                table: "Terugkoppelingen",
                columns: new[] { "Brin", "Richting", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Terugkoppelingen_ExchangeId",
                table: "Terugkoppelingen",
                column: "ExchangeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SwvReceipts");

            migrationBuilder.DropTable(
                name: "SwvSendings");

            migrationBuilder.DropTable(
                name: "Terugkoppelingen");
        }
    }
}
