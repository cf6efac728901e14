using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Gifts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "GiftAcceptDays",
                table: "ShopPaymentSettings",
                type: "integer",
                nullable: false,
                defaultValue: 7);   // Limits.GiftAcceptDefaultDays: shops that had settings before gifts give a week

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GiftAcceptedAt",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GiftClosedAt",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GiftExpiresAt",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GiftMessage",
                table: "Orders",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsGift",
                table: "Orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_GiftExpiresAt",
                table: "Orders",
                column: "GiftExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_GiftExpiresAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "GiftAcceptDays",
                table: "ShopPaymentSettings");

            migrationBuilder.DropColumn(
                name: "GiftAcceptedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "GiftClosedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "GiftExpiresAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "GiftMessage",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "IsGift",
                table: "Orders");
        }
    }
}
