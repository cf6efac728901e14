using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddPriceHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ShowLowestPrice30Days",
                table: "Shops",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "LowestPrice30Days",
                table: "FlashSales",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PriceHistory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProductId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VariantId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Currency = table.Column<string>(type: "nchar(3)", fixedLength: true, maxLength: 3, nullable: false),
                    Price = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    EffectiveFrom = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriceHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriceHistory_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PriceHistory_ProductId_Currency_EffectiveFrom",
                table: "PriceHistory",
                columns: new[] { "ProductId", "Currency", "EffectiveFrom" });

            // Shops in euros fall under the EU's 30-day rule: on for them, as for new ones.
            migrationBuilder.Sql("UPDATE Shops SET ShowLowestPrice30Days = 1 WHERE DefaultCurrency = 'EUR';");

            // Existing products start their history with today's prices, from when they were created.
            migrationBuilder.Sql("""
                INSERT INTO PriceHistory (Id, ProductId, VariantId, Currency, Price, EffectiveFrom)
                SELECT NEWID(), p.Id, NULL, p.Currency, p.Price, p.CreatedAt FROM Products p;
                """);
            migrationBuilder.Sql("""
                INSERT INTO PriceHistory (Id, ProductId, VariantId, Currency, Price, EffectiveFrom)
                SELECT NEWID(), x.ProductId, NULL, x.Currency, x.Price, p.CreatedAt FROM ProductPrices x JOIN Products p ON p.Id = x.ProductId;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PriceHistory");

            migrationBuilder.DropColumn(
                name: "ShowLowestPrice30Days",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "LowestPrice30Days",
                table: "FlashSales");
        }
    }
}
