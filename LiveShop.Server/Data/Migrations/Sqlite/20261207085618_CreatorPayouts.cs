using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CreatorPayouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CreatorPayouts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", unicode: false, maxLength: 7, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    PaidBefore = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidById = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreatorPayouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreatorPayouts_Shops_ShopId",
                        column: x => x.ShopId,
                        principalTable: "Shops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreatorPayouts_CreatorId_Month",
                table: "CreatorPayouts",
                columns: new[] { "CreatorId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_CreatorPayouts_ShopId_CreatorId_Month_Currency_PaidBefore",
                table: "CreatorPayouts",
                columns: new[] { "ShopId", "CreatorId", "Month", "Currency", "PaidBefore" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CreatorPayouts_ShopId_Month",
                table: "CreatorPayouts",
                columns: new[] { "ShopId", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CreatorPayouts");
        }
    }
}
