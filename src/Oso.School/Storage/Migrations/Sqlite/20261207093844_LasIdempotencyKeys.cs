using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LasIdempotencyKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LasIdempotencyKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LasClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LasIdempotencyKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LasIdempotencyKeys_CreatedAt",
                table: "LasIdempotencyKeys",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LasIdempotencyKeys_LasClientId_Brin_KeyHash",
                table: "LasIdempotencyKeys",
                columns: new[] { "LasClientId", "Brin", "KeyHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LasIdempotencyKeys");
        }
    }
}
