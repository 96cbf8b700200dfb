using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.Central.Storage.Migrations.Sqlite
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
                type: "TEXT",
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
