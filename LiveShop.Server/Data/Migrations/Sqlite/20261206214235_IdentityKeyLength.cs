using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdentityKeyLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing to change here (SQLite's TEXT has no length; PostgreSQL's baseline already says 128): the model now
            // sizes Identity's login and token keys for every provider, and SQL Server's migration of this name resizes them.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
