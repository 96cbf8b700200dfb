using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Aanleverpunten",
                columns: table => new
                {
                    RouteringsKenmerk = table.Column<string>(type: "text", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    Doel = table.Column<string>(type: "text", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Aanleverpunten", x => x.RouteringsKenmerk);
                });

            migrationBuilder.CreateTable(
                name: "Aanmeldingen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    PgnIndex = table.Column<string>(type: "text", nullable: false),
                    Identity = table.Column<byte[]>(type: "bytea", nullable: false),
                    BronBrin = table.Column<string>(type: "text", nullable: false),
                    Overdrachtsoort = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Aanmeldingen", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Audit",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    ActorKind = table.Column<string>(type: "text", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    Action = table.Column<string>(type: "text", nullable: false),
                    PupilRef = table.Column<string>(type: "text", nullable: true),
                    Purpose = table.Column<string>(type: "text", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true),
                    PreviousHash = table.Column<string>(type: "text", nullable: false),
                    Hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audit", x => new { x.Brin, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "AuditHeads",
                columns: table => new
                {
                    Brin = table.Column<string>(type: "text", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHeads", x => x.Brin);
                });

            migrationBuilder.CreateTable(
                name: "Disclosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    ReleaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    DoelBrin = table.Column<string>(type: "text", nullable: false),
                    Profiel = table.Column<string>(type: "text", nullable: false),
                    SessieId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disclosures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Drafts",
                columns: table => new
                {
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    Xml = table.Column<byte[]>(type: "bytea", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: false),
                    Fouten = table.Column<int>(type: "integer", nullable: false),
                    Waarschuwingen = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Drafts", x => x.PupilId);
                });

            migrationBuilder.CreateTable(
                name: "IncomingRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    BronRouteringsKenmerk = table.Column<string>(type: "text", nullable: false),
                    SessieId = table.Column<Guid>(type: "uuid", nullable: false),
                    DoelBrin = table.Column<string>(type: "text", nullable: false),
                    DoelRouteringsKenmerk = table.Column<string>(type: "text", nullable: false),
                    Overdrachtsoort = table.Column<string>(type: "text", nullable: false),
                    PgnIndex = table.Column<string>(type: "text", nullable: true),
                    DoelSector = table.Column<string>(type: "text", nullable: true),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    Aanvraagdatum = table.Column<long>(type: "bigint", nullable: true),
                    Resultaat = table.Column<string>(type: "text", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: true),
                    AwaitingNotification = table.Column<bool>(type: "boolean", nullable: false),
                    NotifiedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncomingRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LasClients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    Naam = table.Column<string>(type: "text", nullable: false),
                    KeyHash = table.Column<string>(type: "text", nullable: false),
                    CertificateThumbprint = table.Column<string>(type: "text", nullable: true),
                    WebhookUrl = table.Column<string>(type: "text", nullable: true),
                    WebhookSecret = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    RevokedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LasClients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    DueAt = table.Column<long>(type: "bigint", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LockedBy = table.Column<string>(type: "text", nullable: true),
                    LockedUntil = table.Column<long>(type: "bigint", nullable: true),
                    CompletedAt = table.Column<long>(type: "bigint", nullable: true),
                    FailedAt = table.Column<long>(type: "bigint", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Pupils",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    LasIdIndex = table.Column<string>(type: "text", nullable: false),
                    PgnIndex = table.Column<string>(type: "text", nullable: true),
                    Identity = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pupils", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedDossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    AanmeldingId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    BronBrin = table.Column<string>(type: "text", nullable: false),
                    Xml = table.Column<byte[]>(type: "bytea", nullable: false),
                    Valid = table.Column<bool>(type: "boolean", nullable: false),
                    Meldingen = table.Column<byte[]>(type: "bytea", nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedDossiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedNotifications",
                columns: table => new
                {
                    SessieId = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    BronBrin = table.Column<string>(type: "text", nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedNotifications", x => x.SessieId);
                });

            migrationBuilder.CreateTable(
                name: "Releases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Xml = table.Column<byte[]>(type: "bytea", nullable: false),
                    OptOut = table.Column<string>(type: "text", nullable: false),
                    ReleasedAt = table.Column<long>(type: "bigint", nullable: false),
                    ReleasedBy = table.Column<string>(type: "text", nullable: false),
                    SupersededAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Releases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tenants",
                columns: table => new
                {
                    Brin = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Naam = table.Column<string>(type: "text", nullable: false),
                    Sector = table.Column<string>(type: "text", nullable: false),
                    Plaats = table.Column<string>(type: "text", nullable: true),
                    DataKeyId = table.Column<int>(type: "integer", nullable: false),
                    WrappedDataKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    OptOut = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tenants", x => x.Brin);
                });

            migrationBuilder.CreateTable(
                name: "TransferRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Brin = table.Column<string>(type: "text", nullable: false),
                    AanmeldingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<string>(type: "text", nullable: false),
                    Aanvraagdatum = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: false),
                    SessieId = table.Column<Guid>(type: "uuid", nullable: true),
                    Aanleverpunten = table.Column<string>(type: "text", nullable: true),
                    Resultaat = table.Column<string>(type: "text", nullable: true),
                    Trace = table.Column<string>(type: "text", nullable: false),
                    Geheim = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransferRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Aanleverpunten_Brin",
                table: "Aanleverpunten",
                column: "Brin");

            migrationBuilder.CreateIndex(
                name: "IX_Aanmeldingen_Brin_PgnIndex",
                table: "Aanmeldingen",
                columns: new[] { "Brin", "PgnIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_Disclosures_PupilId",
                table: "Disclosures",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_IncomingRequests_Brin_PgnIndex_AwaitingNotification",
                table: "IncomingRequests",
                columns: new[] { "Brin", "PgnIndex", "AwaitingNotification" });

            migrationBuilder.CreateIndex(
                name: "IX_IncomingRequests_SessieId",
                table: "IncomingRequests",
                column: "SessieId");

            migrationBuilder.CreateIndex(
                name: "IX_LasClients_KeyHash",
                table: "LasClients",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_CompletedAt_FailedAt_DueAt",
                table: "Outbox",
                columns: new[] { "CompletedAt", "FailedAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_IdempotencyKey",
                table: "Outbox",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pupils_Brin_LasIdIndex",
                table: "Pupils",
                columns: new[] { "Brin", "LasIdIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pupils_Brin_PgnIndex",
                table: "Pupils",
                columns: new[] { "Brin", "PgnIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedDossiers_Brin_ImportedAt",
                table: "ReceivedDossiers",
                columns: new[] { "Brin", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Releases_PupilId_Version",
                table: "Releases",
                columns: new[] { "PupilId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransferRequests_AanmeldingId",
                table: "TransferRequests",
                column: "AanmeldingId");

            migrationBuilder.CreateIndex(
                name: "IX_TransferRequests_SessieId",
                table: "TransferRequests",
                column: "SessieId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Aanleverpunten");

            migrationBuilder.DropTable(
                name: "Aanmeldingen");

            migrationBuilder.DropTable(
                name: "Audit");

            migrationBuilder.DropTable(
                name: "AuditHeads");

            migrationBuilder.DropTable(
                name: "Disclosures");

            migrationBuilder.DropTable(
                name: "Drafts");

            migrationBuilder.DropTable(
                name: "IncomingRequests");

            migrationBuilder.DropTable(
                name: "LasClients");

            migrationBuilder.DropTable(
                name: "Outbox");

            migrationBuilder.DropTable(
                name: "Pupils");

            migrationBuilder.DropTable(
                name: "ReceivedDossiers");

            migrationBuilder.DropTable(
                name: "ReceivedNotifications");

            migrationBuilder.DropTable(
                name: "Releases");

            migrationBuilder.DropTable(
                name: "Tenants");

            migrationBuilder.DropTable(
                name: "TransferRequests");
        }
    }
}
