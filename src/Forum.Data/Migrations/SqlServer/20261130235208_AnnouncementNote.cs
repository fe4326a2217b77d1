using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forum.Data.Migrations.SqlServer
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
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentFor",
                table: "PhaseAnnouncements",
                type: "datetime2",
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
