using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class BansAndCapsByIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FlashSaleIdentityClaims",
                columns: table => new
                {
                    SaleId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrderId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VisitorKey = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ShippingKey = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    PaymentKey = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Units = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlashSaleIdentityClaims", x => new { x.SaleId, x.OrderId });
                    table.CheckConstraint("CK_FlashSaleIdentityClaims_Units", "[Units] >= 0");
                    table.ForeignKey(
                        name: "FK_FlashSaleIdentityClaims_FlashSales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "FlashSales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FlashSaleIdentityClaims_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShowRestrictionCovers",
                columns: table => new
                {
                    ShowId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Key = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShowRestrictionCovers", x => new { x.ShowId, x.UserId, x.Key });
                    table.ForeignKey(
                        name: "FK_ShowRestrictionCovers_ShowRestrictions_ShowId_UserId",
                        columns: x => new { x.ShowId, x.UserId },
                        principalTable: "ShowRestrictions",
                        principalColumns: new[] { "ShowId", "UserId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FlashSaleIdentityClaims_OrderId",
                table: "FlashSaleIdentityClaims",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_FlashSaleIdentityClaims_SaleId_PaymentKey",
                table: "FlashSaleIdentityClaims",
                columns: new[] { "SaleId", "PaymentKey" });

            migrationBuilder.CreateIndex(
                name: "IX_FlashSaleIdentityClaims_SaleId_ShippingKey",
                table: "FlashSaleIdentityClaims",
                columns: new[] { "SaleId", "ShippingKey" });

            migrationBuilder.CreateIndex(
                name: "IX_FlashSaleIdentityClaims_SaleId_VisitorKey",
                table: "FlashSaleIdentityClaims",
                columns: new[] { "SaleId", "VisitorKey" });

            migrationBuilder.CreateIndex(
                name: "IX_ShowRestrictionCovers_ShowId_Key",
                table: "ShowRestrictionCovers",
                columns: new[] { "ShowId", "Key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FlashSaleIdentityClaims");

            migrationBuilder.DropTable(
                name: "ShowRestrictionCovers");
        }
    }
}
