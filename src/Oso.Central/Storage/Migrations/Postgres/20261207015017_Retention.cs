using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.Central.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "IngekortOp",
                table: "audit",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "onderhoud",
                columns: table => new
                {
                    Sleutel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Tijd = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_onderhoud", x => x.Sleutel);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tracestappen_Tijd",
                table: "tracestappen",
                column: "Tijd");

            migrationBuilder.CreateIndex(
                name: "IX_sessies_VerlooptOp",
                table: "sessies",
                column: "VerlooptOp");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "onderhoud");

            migrationBuilder.DropIndex(
                name: "IX_tracestappen_Tijd",
                table: "tracestappen");

            migrationBuilder.DropIndex(
                name: "IX_sessies_VerlooptOp",
                table: "sessies");

            migrationBuilder.DropColumn(
                name: "IngekortOp",
                table: "audit");
        }
    }
}
