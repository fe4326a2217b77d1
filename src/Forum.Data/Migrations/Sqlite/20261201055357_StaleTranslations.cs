using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forum.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StaleTranslations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "OutdatedSince",
                table: "SynthesisVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OutdatedSince",
                table: "ContributionVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RewrittenAt",
                table: "ContributionVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutdatedLanguages",
                table: "Contributions",
                type: "TEXT",
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
                name: "OutdatedSince",
                table: "SynthesisVersions");

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
