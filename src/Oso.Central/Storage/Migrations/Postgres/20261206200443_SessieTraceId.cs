using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.Central.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessieTraceId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceId",
                table: "sessies",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceId",
                table: "sessies");
        }
    }
}
