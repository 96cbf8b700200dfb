using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.School.Storage.Migrations.Sqlite
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
                    RouteringsKenmerk = table.Column<string>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    Doel = table.Column<string>(type: "TEXT", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Aanleverpunten", x => x.RouteringsKenmerk);
                });

            migrationBuilder.CreateTable(
                name: "Aanmeldingen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    PgnIndex = table.Column<string>(type: "TEXT", nullable: false),
                    Identity = table.Column<byte[]>(type: "BLOB", nullable: false),
                    BronBrin = table.Column<string>(type: "TEXT", nullable: false),
                    Overdrachtsoort = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Aanmeldingen", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Audit",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorKind = table.Column<string>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", nullable: false),
                    PupilRef = table.Column<string>(type: "TEXT", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audit", x => new { x.Brin, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "AuditHeads",
                columns: table => new
                {
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHeads", x => x.Brin);
                });

            migrationBuilder.CreateTable(
                name: "Disclosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    ReleaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoelBrin = table.Column<string>(type: "TEXT", nullable: false),
                    Profiel = table.Column<string>(type: "TEXT", nullable: false),
                    SessieId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disclosures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Drafts",
                columns: table => new
                {
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Xml = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Fouten = table.Column<int>(type: "INTEGER", nullable: false),
                    Waarschuwingen = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Drafts", x => x.PupilId);
                });

            migrationBuilder.CreateTable(
                name: "IncomingRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    BronRouteringsKenmerk = table.Column<string>(type: "TEXT", nullable: false),
                    SessieId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoelBrin = table.Column<string>(type: "TEXT", nullable: false),
                    DoelRouteringsKenmerk = table.Column<string>(type: "TEXT", nullable: false),
                    Overdrachtsoort = table.Column<string>(type: "TEXT", nullable: false),
                    PgnIndex = table.Column<string>(type: "TEXT", nullable: true),
                    DoelSector = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Aanvraagdatum = table.Column<long>(type: "INTEGER", nullable: true),
                    Resultaat = table.Column<string>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AwaitingNotification = table.Column<bool>(type: "INTEGER", nullable: false),
                    NotifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncomingRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LasClients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    Naam = table.Column<string>(type: "TEXT", nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", nullable: false),
                    CertificateThumbprint = table.Column<string>(type: "TEXT", nullable: true),
                    WebhookUrl = table.Column<string>(type: "TEXT", nullable: true),
                    WebhookSecret = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LasClients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedBy = table.Column<string>(type: "TEXT", nullable: true),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Pupils",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    LasIdIndex = table.Column<string>(type: "TEXT", nullable: false),
                    PgnIndex = table.Column<string>(type: "TEXT", nullable: true),
                    Identity = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pupils", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedDossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    AanmeldingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BronBrin = table.Column<string>(type: "TEXT", nullable: false),
                    Xml = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Valid = table.Column<bool>(type: "INTEGER", nullable: false),
                    Meldingen = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedDossiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedNotifications",
                columns: table => new
                {
                    SessieId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    BronBrin = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedNotifications", x => x.SessieId);
                });

            migrationBuilder.CreateTable(
                name: "Releases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Xml = table.Column<byte[]>(type: "BLOB", nullable: false),
                    OptOut = table.Column<string>(type: "TEXT", nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedBy = table.Column<string>(type: "TEXT", nullable: false),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Releases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tenants",
                columns: table => new
                {
                    Brin = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Naam = table.Column<string>(type: "TEXT", nullable: false),
                    Sector = table.Column<string>(type: "TEXT", nullable: false),
                    Plaats = table.Column<string>(type: "TEXT", nullable: true),
                    DataKeyId = table.Column<int>(type: "INTEGER", nullable: false),
                    WrappedDataKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    OptOut = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tenants", x => x.Brin);
                });

            migrationBuilder.CreateTable(
                name: "TransferRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", nullable: false),
                    AanmeldingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", nullable: false),
                    Aanvraagdatum = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    SessieId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Aanleverpunten = table.Column<string>(type: "TEXT", nullable: true),
                    Resultaat = table.Column<string>(type: "TEXT", nullable: true),
                    Trace = table.Column<string>(type: "TEXT", nullable: false),
                    Geheim = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
