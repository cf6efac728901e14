using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.SqlServer
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "VisitorId",
                table: "ShowViewers",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShowViewers_ShowId_VisitorId",
                table: "ShowViewers",
                columns: new[] { "ShowId", "VisitorId" });

            // Rows stored before the ids had columns: a bare user id (32 hex digits) or "v:" and a visitor id.
            migrationBuilder.Sql("""
                UPDATE [ShowViewers] SET [UserId] = TRY_CONVERT(uniqueidentifier, STUFF(STUFF(STUFF(STUFF([ViewerKey], 21, 0, '-'), 17, 0, '-'), 13, 0, '-'), 9, 0, '-'))
                WHERE LEN([ViewerKey]) = 32 AND CHARINDEX(':', [ViewerKey]) = 0;
                """);
            migrationBuilder.Sql("""
                UPDATE [ShowViewers] SET [VisitorId] = TRY_CONVERT(uniqueidentifier, STUFF(STUFF(STUFF(STUFF(SUBSTRING([ViewerKey], 3, 32), 21, 0, '-'), 17, 0, '-'), 13, 0, '-'), 9, 0, '-'))
                WHERE LEN([ViewerKey]) = 34 AND LEFT([ViewerKey], 2) = 'v:';
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
