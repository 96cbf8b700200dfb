using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReleaseChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "Xml",
                table: "Releases",
                type: "bytea",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea");

            migrationBuilder.AddColumn<int>(
                name: "XmlChunks",
                table: "Releases",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "XmlChunks",
                table: "Releases");

            migrationBuilder.AlterColumn<byte[]>(
                name: "Xml",
                table: "Releases",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldNullable: true);
        }
    }
}
