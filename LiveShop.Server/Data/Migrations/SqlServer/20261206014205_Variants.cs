using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Variants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Variant",
                table: "StockAdjustments",
                type: "nvarchar(129)",
                maxLength: 129,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "VariantId",
                table: "StockAdjustments",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Option1Name",
                table: "Products",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Option2Name",
                table: "Products",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Option3Name",
                table: "Products",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "VariantId",
                table: "OrderLines",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VariantLabel",
                table: "OrderLines",
                type: "nvarchar(129)",
                maxLength: 129,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VariantIds",
                table: "FlashSales",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "ProductVariants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProductId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ShopId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sku = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Option1 = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Option2 = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Option3 = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    PriceOverride = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    Stock = table.Column<int>(type: "int", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductVariants", x => x.Id);
                    table.CheckConstraint("CK_ProductVariants_Stock_NonNegative", "[Stock] >= 0");
                    table.ForeignKey(
                        name: "FK_ProductVariants_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProductVariants_ProductId_Position",
                table: "ProductVariants",
                columns: new[] { "ProductId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductVariants_ShopId_Sku",
                table: "ProductVariants",
                columns: new[] { "ShopId", "Sku" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProductVariants");

            migrationBuilder.DropColumn(
                name: "Variant",
                table: "StockAdjustments");

            migrationBuilder.DropColumn(
                name: "VariantId",
                table: "StockAdjustments");

            migrationBuilder.DropColumn(
                name: "Option1Name",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "Option2Name",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "Option3Name",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "VariantId",
                table: "OrderLines");

            migrationBuilder.DropColumn(
                name: "VariantLabel",
                table: "OrderLines");

            migrationBuilder.DropColumn(
                name: "VariantIds",
                table: "FlashSales");
        }
    }
}
