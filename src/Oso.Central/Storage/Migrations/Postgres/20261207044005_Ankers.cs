using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.Central.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ankers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ankers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Brin = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    SysteemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Volgnummer = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Tijdstip = table.Column<long>(type: "bigint", nullable: false),
                    Ontvangen = table.Column<long>(type: "bigint", nullable: false),
                    Controlepunt = table.Column<byte[]>(type: "bytea", nullable: false),
                    Bevestiging = table.Column<byte[]>(type: "bytea", nullable: false),
                    VorigeKetenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    KetenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ankers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ankers_Brin_Volgnummer",
                table: "ankers",
                columns: new[] { "Brin", "Volgnummer" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ankers");
        }
    }
}
