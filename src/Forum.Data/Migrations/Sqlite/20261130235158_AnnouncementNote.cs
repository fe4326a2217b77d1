using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forum.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnnouncementNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AnnouncementNote",
                table: "PhaseTexts",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentFor",
                table: "PhaseAnnouncements",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnnouncementNote",
                table: "PhaseTexts");

            migrationBuilder.DropColumn(
                name: "ReminderSentFor",
                table: "PhaseAnnouncements");
        }
    }
}
