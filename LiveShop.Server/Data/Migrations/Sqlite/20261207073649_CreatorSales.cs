using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CreatorSales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ByCreator",
                table: "ShareLinks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "OrderCreatorRates",
                columns: table => new
                {
                    CreatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rate = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderCreatorRates", x => new { x.OrderId, x.CreatorId, x.LineNumber });
                    table.ForeignKey(
                        name: "FK_OrderCreatorRates_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrderTouches_CreditedToId",
                table: "OrderTouches",
                column: "CreditedToId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkTouches_CreditedToId_At",
                table: "LinkTouches",
                columns: new[] { "CreditedToId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderCreatorRates_CreatorId",
                table: "OrderCreatorRates",
                column: "CreatorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrderCreatorRates");

            migrationBuilder.DropIndex(
                name: "IX_OrderTouches_CreditedToId",
                table: "OrderTouches");

            migrationBuilder.DropIndex(
                name: "IX_LinkTouches_CreditedToId_At",
                table: "LinkTouches");

            migrationBuilder.DropColumn(
                name: "ByCreator",
                table: "ShareLinks");
        }
    }
}
