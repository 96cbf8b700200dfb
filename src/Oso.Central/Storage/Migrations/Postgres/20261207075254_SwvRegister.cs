using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.Central.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SwvRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Regio",
                table: "scholen",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SwvCode",
                table: "scholen",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "swvleden",
                columns: table => new
                {
                    SwvBrin = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SchoolBrin = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    AangemaaktOp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_swvleden", x => new { x.SwvBrin, x.SchoolBrin });
                    table.ForeignKey(
                        name: "FK_swvleden_scholen_SchoolBrin",
                        column: x => x.SchoolBrin,
                        principalTable: "scholen",
                        principalColumn: "Brin",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_swvleden_scholen_SwvBrin",
                        column: x => x.SwvBrin,
                        principalTable: "scholen",
                        principalColumn: "Brin",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_swvleden_SchoolBrin",
                table: "swvleden",
                column: "SchoolBrin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "swvleden");

            migrationBuilder.DropColumn(
                name: "Regio",
                table: "scholen");

            migrationBuilder.DropColumn(
                name: "SwvCode",
                table: "scholen");
        }
    }
}
