using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.Central.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConformanceRapporten : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conformancerapporten",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SysteemId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Rol = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Target = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Afgerond = table.Column<long>(type: "bigint", nullable: false),
                    Passed = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false),
                    Geslaagd = table.Column<bool>(type: "boolean", nullable: false),
                    Rapport = table.Column<byte[]>(type: "bytea", nullable: false),
                    IngediendOp = table.Column<long>(type: "bigint", nullable: false),
                    IngediendDoor = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Opmerking = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BeoordeeldOp = table.Column<long>(type: "bigint", nullable: true),
                    BeoordeeldDoor = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conformancerapporten", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conformancerapporten_systemen_SysteemId",
                        column: x => x.SysteemId,
                        principalTable: "systemen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_conformancerapporten_SysteemId",
                table: "conformancerapporten",
                column: "SysteemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conformancerapporten");
        }
    }
}
