using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Orders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CoHostId",
                table: "Shows",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "CoHostShare",
                table: "Shows",
                type: "TEXT",
                precision: 6,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "CommissionRate",
                table: "Shows",
                type: "TEXT",
                precision: 6,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "SavedCity",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SavedCountry",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SavedFullName",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SavedLine1",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SavedLine2",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SavedPhone",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SavedPostalCode",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ShowMyPurchases",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "FlashSaleClaims",
                columns: table => new
                {
                    SaleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Units = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlashSaleClaims", x => new { x.SaleId, x.BuyerId });
                    table.CheckConstraint("CK_FlashSaleClaims_Units", "[Units] >= 0");
                    table.ForeignKey(
                        name: "FK_FlashSaleClaims_FlashSales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "FlashSales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ShowId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HostId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CoHostId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    AffiliateCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ShipFullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShipLine1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShipLine2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ShipCity = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShipPostalCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShipCountry = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShipPhone = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PaymentMethod = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CardLast4 = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    PaymentReference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Orders_AspNetUsers_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Orders_Shows_ShowId",
                        column: x => x.ShowId,
                        principalTable: "Shows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ShareLinks",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ShowId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShareLinks", x => x.Code);
                    table.ForeignKey(
                        name: "FK_ShareLinks_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShareLinks_Shows_ShowId",
                        column: x => x.ShowId,
                        principalTable: "Shows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShowMinutes",
                columns: table => new
                {
                    ShowId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Minute = table.Column<long>(type: "INTEGER", nullable: false),
                    Viewers = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShowMinutes", x => new { x.ShowId, x.Minute });
                    table.ForeignKey(
                        name: "FK_ShowMinutes_Shows_ShowId",
                        column: x => x.ShowId,
                        principalTable: "Shows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShowViewers",
                columns: table => new
                {
                    ShowId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ViewerKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstSeen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShowViewers", x => new { x.ShowId, x.ViewerKey });
                    table.ForeignKey(
                        name: "FK_ShowViewers_Shows_ShowId",
                        column: x => x.ShowId,
                        principalTable: "Shows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrderLines",
                columns: table => new
                {
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ImageUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ListPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    FlashSaleId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderLines", x => new { x.OrderId, x.LineNumber });
                    table.ForeignKey(
                        name: "FK_OrderLines_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrderTouches",
                columns: table => new
                {
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreditedToId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TouchedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderTouches", x => new { x.OrderId, x.Position });
                    table.ForeignKey(
                        name: "FK_OrderTouches_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LinkTouches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ShowId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreditedToId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkTouches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkTouches_ShareLinks_Code",
                        column: x => x.Code,
                        principalTable: "ShareLinks",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Shows_CoHostId",
                table: "Shows",
                column: "CoHostId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkTouches_Code",
                table: "LinkTouches",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_LinkTouches_ShowId_UserId_At",
                table: "LinkTouches",
                columns: new[] { "ShowId", "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_LinkTouches_ShowId_VisitorId_At",
                table: "LinkTouches",
                columns: new[] { "ShowId", "VisitorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_FlashSaleId",
                table: "OrderLines",
                column: "FlashSaleId");

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_ProductId",
                table: "OrderLines",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_BuyerId_IdempotencyKey",
                table: "Orders",
                columns: new[] { "BuyerId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_BuyerId_PlacedAt",
                table: "Orders",
                columns: new[] { "BuyerId", "PlacedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CoHostId",
                table: "Orders",
                column: "CoHostId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_HostId",
                table: "Orders",
                column: "HostId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Number",
                table: "Orders",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ShowId_PlacedAt",
                table: "Orders",
                columns: new[] { "ShowId", "PlacedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ShareLinks_CreatedById",
                table: "ShareLinks",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ShareLinks_ShowId",
                table: "ShareLinks",
                column: "ShowId");

            migrationBuilder.AddForeignKey(
                name: "FK_Shows_AspNetUsers_CoHostId",
                table: "Shows",
                column: "CoHostId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Shows_AspNetUsers_CoHostId",
                table: "Shows");

            migrationBuilder.DropTable(
                name: "FlashSaleClaims");

            migrationBuilder.DropTable(
                name: "LinkTouches");

            migrationBuilder.DropTable(
                name: "OrderLines");

            migrationBuilder.DropTable(
                name: "OrderTouches");

            migrationBuilder.DropTable(
                name: "ShowMinutes");

            migrationBuilder.DropTable(
                name: "ShowViewers");

            migrationBuilder.DropTable(
                name: "ShareLinks");

            migrationBuilder.DropTable(
                name: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Shows_CoHostId",
                table: "Shows");

            migrationBuilder.DropColumn(
                name: "CoHostId",
                table: "Shows");

            migrationBuilder.DropColumn(
                name: "CoHostShare",
                table: "Shows");

            migrationBuilder.DropColumn(
                name: "CommissionRate",
                table: "Shows");

            migrationBuilder.DropColumn(
                name: "SavedCity",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SavedCountry",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SavedFullName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SavedLine1",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SavedLine2",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SavedPhone",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SavedPostalCode",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ShowMyPurchases",
                table: "AspNetUsers");
        }
    }
}
