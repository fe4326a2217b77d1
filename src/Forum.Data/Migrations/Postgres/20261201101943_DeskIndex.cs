using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forum.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeskIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Contributions_CreatedAt_Id",
                table: "Contributions",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_Desk",
                table: "Contributions",
                columns: new[] { "PhaseId", "ParentId", "Languages", "IsHidden", "OutdatedLanguages" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contributions_CreatedAt_Id",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_Desk",
                table: "Contributions");
        }
    }
}
