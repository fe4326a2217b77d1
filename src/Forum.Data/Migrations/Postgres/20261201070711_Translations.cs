using System;
using Microsoft.EntityFrameworkCore.Migrations;

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

            migrationBuilder.CreateIndex(
                name: "IX_ContributionVersions_Language_OutdatedSince",
                table: "ContributionVersions",
                columns: new[] { "Language", "OutdatedSince" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
