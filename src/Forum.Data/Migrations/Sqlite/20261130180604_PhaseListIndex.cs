using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forum.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PhaseListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contributions_PhaseId_ParentId_CreatedAt_Id",
                table: "Contributions");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_PhaseId_CreatedAt_Id",
                table: "Contributions",
                columns: new[] { "PhaseId", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contributions_PhaseId_CreatedAt_Id",
                table: "Contributions");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_PhaseId_ParentId_CreatedAt_Id",
                table: "Contributions",
                columns: new[] { "PhaseId", "ParentId", "CreatedAt", "Id" });
        }
    }
}
