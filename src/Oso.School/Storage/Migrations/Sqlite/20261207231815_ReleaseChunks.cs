using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Sqlite
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
                type: "BLOB",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AddColumn<int>(
                name: "XmlChunks",
                table: "Releases",
                type: "INTEGER",
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
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "BLOB",
                oldNullable: true);
        }
    }
}
