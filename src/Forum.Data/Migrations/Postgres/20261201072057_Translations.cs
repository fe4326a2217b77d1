using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Forum.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Translations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DetectedLanguage",
                table: "SynthesisVersions",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MachineAssisted",
                table: "SynthesisVersions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "OutdatedSince",
                table: "SynthesisVersions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DetectedLanguage",
                table: "ContributionVersions",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MachineAssisted",
                table: "ContributionVersions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "OutdatedSince",
                table: "ContributionVersions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RewrittenAt",
                table: "ContributionVersions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutdatedLanguages",
                table: "Contributions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TranslationLanguages",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TranslationClaims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ClaimedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConcurrencyToken = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranslationClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TranslationClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContributionVersions_Language_OutdatedSince",
                table: "ContributionVersions",
                columns: new[] { "Language", "OutdatedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_TranslationClaims_Kind_ItemId_Language",
                table: "TranslationClaims",
                columns: new[] { "Kind", "ItemId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TranslationClaims_UserId_ExpiresAt",
                table: "TranslationClaims",
                columns: new[] { "UserId", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TranslationClaims");

            migrationBuilder.DropIndex(
                name: "IX_ContributionVersions_Language_OutdatedSince",
                table: "ContributionVersions");

            migrationBuilder.DropColumn(
                name: "DetectedLanguage",
                table: "SynthesisVersions");

            migrationBuilder.DropColumn(
                name: "MachineAssisted",
                table: "SynthesisVersions");

            migrationBuilder.DropColumn(
                name: "OutdatedSince",
                table: "SynthesisVersions");

            migrationBuilder.DropColumn(
                name: "DetectedLanguage",
                table: "ContributionVersions");

            migrationBuilder.DropColumn(
                name: "MachineAssisted",
                table: "ContributionVersions");

            migrationBuilder.DropColumn(
                name: "OutdatedSince",
                table: "ContributionVersions");

            migrationBuilder.DropColumn(
                name: "RewrittenAt",
                table: "ContributionVersions");

            migrationBuilder.DropColumn(
                name: "OutdatedLanguages",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "TranslationLanguages",
                table: "AspNetUsers");
        }
    }
}
