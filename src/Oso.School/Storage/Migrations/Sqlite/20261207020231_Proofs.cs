using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Proofs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DossierSha256",
                table: "ReceivedDossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Handtekening",
                table: "ReceivedDossiers",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandtekeningStatus",
                table: "ReceivedDossiers",
                type: "TEXT",
                nullable: false,
                defaultValue: "NietOndertekend");

            migrationBuilder.AddColumn<string>(
                name: "Ondertekenaar",
                table: "ReceivedDossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OndertekendOp",
                table: "ReceivedDossiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Ontvangstbevestiging",
                table: "ReceivedDossiers",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DoelSysteem",
                table: "Disclosures",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DossierSha256",
                table: "Disclosures",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OntvangenDoor",
                table: "Disclosures",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OntvangenOp",
                table: "Disclosures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OntvangstStatus",
                table: "Disclosures",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Ontvangstbevestiging",
                table: "Disclosures",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DossierSha256",
                table: "ReceivedDossiers");

            migrationBuilder.DropColumn(
                name: "Handtekening",
                table: "ReceivedDossiers");

            migrationBuilder.DropColumn(
                name: "HandtekeningStatus",
                table: "ReceivedDossiers");

            migrationBuilder.DropColumn(
                name: "Ondertekenaar",
                table: "ReceivedDossiers");

            migrationBuilder.DropColumn(
                name: "OndertekendOp",
                table: "ReceivedDossiers");

            migrationBuilder.DropColumn(
                name: "Ontvangstbevestiging",
                table: "ReceivedDossiers");

            migrationBuilder.DropColumn(
                name: "DoelSysteem",
                table: "Disclosures");

            migrationBuilder.DropColumn(
                name: "DossierSha256",
                table: "Disclosures");

            migrationBuilder.DropColumn(
                name: "OntvangenDoor",
                table: "Disclosures");

            migrationBuilder.DropColumn(
                name: "OntvangenOp",
                table: "Disclosures");

            migrationBuilder.DropColumn(
                name: "OntvangstStatus",
                table: "Disclosures");

            migrationBuilder.DropColumn(
                name: "Ontvangstbevestiging",
                table: "Disclosures");
        }
    }
}
