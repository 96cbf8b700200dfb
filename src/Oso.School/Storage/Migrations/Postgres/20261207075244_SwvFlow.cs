using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    SwvRouteringsKenmerk = table.Column<string>(type: "text", nullable: false),
                    SchoolBrin = table.Column<string>(type: "text", nullable: false),
                    SchoolRouteringsKenmerk = table.Column<string>(type: "text", nullable: false),
                    Koppelsleutel = table.Column<Guid>(type: "uuid", nullable: false),
                    AfzenderSysteem = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    SessieId = table.Column<Guid>(type: "uuid", nullable: true),
                    Resultaat = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<byte[]>(type: "bytea", nullable: true),
                    Valid = table.Column<bool>(type: "boolean", nullable: false),
                    Meldingen = table.Column<byte[]>(type: "bytea", nullable: true),
                    Handtekening = table.Column<byte[]>(type: "bytea", nullable: true),
                    HandtekeningStatus = table.Column<string>(type: "text", nullable: false),
                    Ondertekenaar = table.Column<string>(type: "text", nullable: true),
                    OndertekendOp = table.Column<long>(type: "bigint", nullable: true),
                    DossierSha256 = table.Column<string>(type: "text", nullable: true),
                    Ontvangstbevestiging = table.Column<byte[]>(type: "bytea", nullable: true),
                    Trace = table.Column<string>(type: "text", nullable: false),
                    NotifiedAt = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SwvReceipts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SwvSendings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReleaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SwvBrin = table.Column<string>(type: "text", nullable: false),
                    SwvRouteringsKenmerk = table.Column<string>(type: "text", nullable: true),
                    SwvUrl = table.Column<string>(type: "text", nullable: true),
                    BronRouteringsKenmerk = table.Column<string>(type: "text", nullable: false),
                    Profiel = table.Column<string>(type: "text", nullable: false),
                    Koppelsleutel = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Resultaat = table.Column<string>(type: "text", nullable: true),
                    Trace = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    FetchedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SwvSendings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Terugkoppelingen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    Richting = table.Column<string>(type: "text", nullable: false),
                    PartnerBrin = table.Column<string>(type: "text", nullable: false),
                    Koppelsleutel = table.Column<Guid>(type: "uuid", nullable: false),
                    ExchangeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: true),
                    Xml = table.Column<byte[]>(type: "bytea", nullable: false),
                    Resultaat = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    By = table.Column<string>(type: "text", nullable: true),
                    ImportedAt = table.Column<long>(type: "bigint", nullable: true)
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
