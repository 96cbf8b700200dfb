using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Oso.Central.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Naam = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Rol = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Telefoon = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AangemaaktOp = table.Column<long>(type: "INTEGER", nullable: false),
                    GeverifieerdOp = table.Column<long>(type: "INTEGER", nullable: true),
                    GeverifieerdDoor = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Tijd = table.Column<long>(type: "INTEGER", nullable: false),
                    Door = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Actie = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Onderwerp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "besturen",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Naam = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AangemaaktOp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_besturen", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "koppelingen",
                columns: table => new
                {
                    Koppelsleutel = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessieId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolBrin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SchoolRouteringsKenmerk = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SwvBrin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SwvRouteringsKenmerk = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AangemaaktOp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_koppelingen", x => x.Koppelsleutel);
                });

            migrationBuilder.CreateTable(
                name: "sessies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Soort = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BronBrin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    BronRouteringsKenmerk = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    DoelBrin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DoelRouteringsKenmerk = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SysteemId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Overdrachtsoort = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Zoeksleutel = table.Column<string>(type: "TEXT", maxLength: 700, nullable: true),
                    Koppelsleutel = table.Column<Guid>(type: "TEXT", nullable: true),
                    AangemaaktOp = table.Column<long>(type: "INTEGER", nullable: false),
                    VerlooptOp = table.Column<long>(type: "INTEGER", nullable: false),
                    AfgemeldOp = table.Column<long>(type: "INTEGER", nullable: true),
                    Resultaat = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ResultaatAanleverpunt = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "systemen",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Naam = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Leverancier = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Deelname = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IngetrokkenReden = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    GekwalificeerdSinds = table.Column<long>(type: "INTEGER", nullable: true),
                    KwalificatieBewijs = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    AangemaaktOp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_systemen", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tracestappen",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessieId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Tijd = table.Column<long>(type: "INTEGER", nullable: false),
                    Stap = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SysteemId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    BronBrin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DoelBrin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Aanleverpunt = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Resultaat = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Geslaagd = table.Column<bool>(type: "INTEGER", nullable: false),
                    Toelichting = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracestappen", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scholen",
                columns: table => new
                {
                    Brin = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Naam = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Plaats = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Gemeente = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Provincie = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BestuurId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Deelname = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IngetrokkenReden = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    GekwalificeerdSinds = table.Column<long>(type: "INTEGER", nullable: true),
                    GekwalificeerdTot = table.Column<long>(type: "INTEGER", nullable: true),
                    AangemaaktOp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scholen", x => x.Brin);
                    table.ForeignKey(
                        name: "FK_scholen_besturen_BestuurId",
                        column: x => x.BestuurId,
                        principalTable: "besturen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certificaten",
                columns: table => new
                {
                    Serienummer = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SysteemId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Onderwerp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    GeldigVan = table.Column<long>(type: "INTEGER", nullable: false),
                    GeldigTot = table.Column<long>(type: "INTEGER", nullable: false),
                    UitgegevenOp = table.Column<long>(type: "INTEGER", nullable: false),
                    IngetrokkenOp = table.Column<long>(type: "INTEGER", nullable: true),
                    IngetrokkenReden = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificaten", x => x.Serienummer);
                    table.ForeignKey(
                        name: "FK_certificaten_systemen_SysteemId",
                        column: x => x.SysteemId,
                        principalTable: "systemen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aanleverpunten",
                columns: table => new
                {
                    RouteringsKenmerk = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Brin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Doel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SysteemId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Van = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Tot = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AangemaaktOp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aanleverpunten", x => x.RouteringsKenmerk);
                    table.ForeignKey(
                        name: "FK_aanleverpunten_scholen_Brin",
                        column: x => x.Brin,
                        principalTable: "scholen",
                        principalColumn: "Brin",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_aanleverpunten_systemen_SysteemId",
                        column: x => x.SysteemId,
                        principalTable: "systemen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "kwalificatiebewijzen",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Brin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Soort = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Bestandsnaam = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Inhoud = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Verklaring = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OndertekendDoor = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Functie = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    IngediendOp = table.Column<long>(type: "INTEGER", nullable: false),
                    IngediendDoor = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Opmerking = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    BeoordeeldOp = table.Column<long>(type: "INTEGER", nullable: true),
                    BeoordeeldDoor = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kwalificatiebewijzen", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kwalificatiebewijzen_scholen_Brin",
                        column: x => x.Brin,
                        principalTable: "scholen",
                        principalColumn: "Brin",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mandaten",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BestuurId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Brin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SysteemId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Van = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Tot = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AangemaaktOp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mandaten", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mandaten_besturen_BestuurId",
                        column: x => x.BestuurId,
                        principalTable: "besturen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mandaten_scholen_Brin",
                        column: x => x.Brin,
                        principalTable: "scholen",
                        principalColumn: "Brin",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mandaten_systemen_SysteemId",
                        column: x => x.SysteemId,
                        principalTable: "systemen",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "vestigingen",
                columns: table => new
                {
                    Brin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Naam = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Plaats = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vestigingen", x => new { x.Brin, x.Code });
                    table.ForeignKey(
                        name: "FK_vestigingen_scholen_Brin",
                        column: x => x.Brin,
                        principalTable: "scholen",
                        principalColumn: "Brin",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_aanleverpunten_Brin",
                table: "aanleverpunten",
                column: "Brin");

            migrationBuilder.CreateIndex(
                name: "IX_aanleverpunten_SysteemId",
                table: "aanleverpunten",
                column: "SysteemId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_Tijd",
                table: "audit",
                column: "Tijd");

            migrationBuilder.CreateIndex(
                name: "IX_certificaten_Sha256",
                table: "certificaten",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificaten_SysteemId",
                table: "certificaten",
                column: "SysteemId");

            migrationBuilder.CreateIndex(
                name: "IX_kwalificatiebewijzen_Brin_ItemCode",
                table: "kwalificatiebewijzen",
                columns: new[] { "Brin", "ItemCode" });

            migrationBuilder.CreateIndex(
                name: "IX_mandaten_BestuurId",
                table: "mandaten",
                column: "BestuurId");

            migrationBuilder.CreateIndex(
                name: "IX_mandaten_Brin_SysteemId",
                table: "mandaten",
                columns: new[] { "Brin", "SysteemId" });

            migrationBuilder.CreateIndex(
                name: "IX_mandaten_SysteemId",
                table: "mandaten",
                column: "SysteemId");

            migrationBuilder.CreateIndex(
                name: "IX_scholen_BestuurId",
                table: "scholen",
                column: "BestuurId");

            migrationBuilder.CreateIndex(
                name: "IX_sessies_AangemaaktOp",
                table: "sessies",
                column: "AangemaaktOp");

            migrationBuilder.CreateIndex(
                name: "IX_sessies_BronBrin",
                table: "sessies",
                column: "BronBrin");

            migrationBuilder.CreateIndex(
                name: "IX_sessies_DoelBrin",
                table: "sessies",
                column: "DoelBrin");

            migrationBuilder.CreateIndex(
                name: "IX_tracestappen_BronBrin_Tijd",
                table: "tracestappen",
                columns: new[] { "BronBrin", "Tijd" });

            migrationBuilder.CreateIndex(
                name: "IX_tracestappen_DoelBrin_Tijd",
                table: "tracestappen",
                columns: new[] { "DoelBrin", "Tijd" });

            migrationBuilder.CreateIndex(
                name: "IX_tracestappen_SessieId",
                table: "tracestappen",
                column: "SessieId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "aanleverpunten");

            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "certificaten");

            migrationBuilder.DropTable(
                name: "koppelingen");

            migrationBuilder.DropTable(
                name: "kwalificatiebewijzen");

            migrationBuilder.DropTable(
                name: "mandaten");

            migrationBuilder.DropTable(
                name: "sessies");

            migrationBuilder.DropTable(
                name: "tracestappen");

            migrationBuilder.DropTable(
                name: "vestigingen");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "systemen");

            migrationBuilder.DropTable(
                name: "scholen");

            migrationBuilder.DropTable(
                name: "besturen");
        }
    }
}
