using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ViewerIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "UserId",
                table: "ShowViewers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "VisitorId",
                table: "ShowViewers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShowViewers_ShowId_VisitorId",
                table: "ShowViewers",
                columns: new[] { "ShowId", "VisitorId" });

            // Rows stored before the ids had columns: a bare user id (32 hex digits) or "v:" and a visitor id. GUIDs are stored as upper-case text.
            migrationBuilder.Sql("""
                UPDATE "ShowViewers" SET "UserId" = upper(substr("ViewerKey", 1, 8) || '-' || substr("ViewerKey", 9, 4) || '-' || substr("ViewerKey", 13, 4) || '-' || substr("ViewerKey", 17, 4) || '-' || substr("ViewerKey", 21, 12))
                WHERE length("ViewerKey") = 32 AND instr("ViewerKey", ':') = 0;
                """);
            migrationBuilder.Sql("""
                UPDATE "ShowViewers" SET "VisitorId" = upper(substr("ViewerKey", 3, 8) || '-' || substr("ViewerKey", 11, 4) || '-' || substr("ViewerKey", 15, 4) || '-' || substr("ViewerKey", 19, 4) || '-' || substr("ViewerKey", 23, 12))
                WHERE length("ViewerKey") = 34 AND substr("ViewerKey", 1, 2) = 'v:';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ShowViewers_ShowId_VisitorId",
                table: "ShowViewers");

            migrationBuilder.DropColumn(
                name: "UserId",
                table: "ShowViewers");

            migrationBuilder.DropColumn(
                name: "VisitorId",
                table: "ShowViewers");
        }
    }
}
