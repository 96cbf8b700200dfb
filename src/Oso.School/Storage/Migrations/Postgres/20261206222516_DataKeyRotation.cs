using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Postgres
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
                    Brin = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    KeyId = table.Column<int>(type: "integer", nullable: false),
                    Wrapped = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataKeys", x => new { x.Brin, x.KeyId });
                });

            migrationBuilder.AddColumn<byte[]>(
                name: "WrappedIndexKey",
                table: "Tenants",
                type: "bytea",
                nullable: true);

            // every school's one key so far moves to DataKeys (its index key stays derived from key 1 until a rotation stores it)
            migrationBuilder.Sql("""
                INSERT INTO "DataKeys" ("Brin", "KeyId", "Wrapped", "CreatedAt")
                SELECT "Brin", "DataKeyId", "WrappedDataKey", "CreatedAt" FROM "Tenants";
                """);

            migrationBuilder.DropColumn(
                name: "WrappedDataKey",
                table: "Tenants");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "WrappedDataKey",
                table: "Tenants",
                type: "bytea",
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
