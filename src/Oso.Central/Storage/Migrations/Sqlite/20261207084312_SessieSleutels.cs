using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.Central.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessieSleutels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_sessies_Koppelsleutel",
                table: "sessies",
                column: "Koppelsleutel");

            migrationBuilder.CreateIndex(
                name: "IX_sessies_Zoeksleutel",
                table: "sessies",
                column: "Zoeksleutel");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sessies_Koppelsleutel",
                table: "sessies");

            migrationBuilder.DropIndex(
                name: "IX_sessies_Zoeksleutel",
                table: "sessies");
        }
    }
}
