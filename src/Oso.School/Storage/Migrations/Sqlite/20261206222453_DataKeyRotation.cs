using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataKeyRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataKeys",
                columns: table => new
                {
                    Brin = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    KeyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Wrapped = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataKeys", x => new { x.Brin, x.KeyId });
                });

            migrationBuilder.AddColumn<byte[]>(
                name: "WrappedIndexKey",
                table: "Tenants",
                type: "BLOB",
                nullable: true);

            // every school's one key so far moves to DataKeys (its index key stays derived from key 1 until a rotation stores it)
            migrationBuilder.Sql("""
                INSERT INTO "DataKeys" ("Brin", "KeyId", "Wrapped", "CreatedAt")
                SELECT "Brin", "DataKeyId", "WrappedDataKey", "CreatedAt" FROM "Tenants";
                """);

            // SQLite's own DROP COLUMN (3.35+) instead of EF's table rebuild, whose PRAGMA foreign_keys cannot run in the
            // migration's transaction: so a crash leaves the migration either applied whole or not at all
            migrationBuilder.Sql("""ALTER TABLE "Tenants" DROP COLUMN "WrappedDataKey";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "WrappedDataKey",
                table: "Tenants",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            // back to one key per school: the current one (rows under an older key, if any, can then not be read)
            migrationBuilder.Sql("""
                UPDATE "Tenants" SET "WrappedDataKey" =
                    (SELECT k."Wrapped" FROM "DataKeys" AS k WHERE k."Brin" = "Tenants"."Brin" AND k."KeyId" = "Tenants"."DataKeyId");
                """);

            migrationBuilder.DropTable(
                name: "DataKeys");

            migrationBuilder.DropColumn(
                name: "WrappedIndexKey",
                table: "Tenants");
        }
    }
}
