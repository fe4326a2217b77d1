using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forum.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class EditHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EditedAt",
                table: "ContributionVersions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "VersionRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Body = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    WrittenById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReplacedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VersionRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VersionRevisions_AspNetUsers_WrittenById",
                        column: x => x.WrittenById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VersionRevisions_ContributionVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ContributionVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VersionRevisions_VersionId_WrittenAt",
                table: "VersionRevisions",
                columns: new[] { "VersionId", "WrittenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VersionRevisions_WrittenById",
                table: "VersionRevisions",
                column: "WrittenById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VersionRevisions");

            migrationBuilder.DropColumn(
                name: "EditedAt",
                table: "ContributionVersions");
        }
    }
}
