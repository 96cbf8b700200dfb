using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChunkedDossiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "Xml",
                table: "ReceivedDossiers",
                type: "bytea",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea");

            migrationBuilder.AddColumn<int>(
                name: "XmlChunks",
                table: "ReceivedDossiers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "StoredChunks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    OwnerKind = table.Column<string>(type: "text", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredChunks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredChunks_Brin",
                table: "StoredChunks",
                column: "Brin");

            migrationBuilder.CreateIndex(
                name: "IX_StoredChunks_OwnerKind_OwnerId_Sequence",
                table: "StoredChunks",
                columns: new[] { "OwnerKind", "OwnerId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredChunks");

            migrationBuilder.DropColumn(
                name: "XmlChunks",
                table: "ReceivedDossiers");

            migrationBuilder.AlterColumn<byte[]>(
                name: "Xml",
                table: "ReceivedDossiers",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldNullable: true);
        }
    }
}
