using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportAgent.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ConsoleSessionsAndAdapterNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdapterNames",
                columns: table => new
                {
                    Name = table.Column<string>(type: "text", nullable: false),
                    TenantId = table.Column<string>(type: "text", nullable: false),
                    BoundAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdapterNames", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "StaffSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    TenantId = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    KeyHash = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffSessions_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Names already registered stay bound to their tenants.
            migrationBuilder.Sql("INSERT INTO \"AdapterNames\" (\"Name\", \"TenantId\", \"BoundAt\") SELECT \"Name\", \"TenantId\", \"RegisteredAt\" FROM \"Adapters\";");

            migrationBuilder.CreateIndex(
                name: "IX_StaffSessions_KeyHash",
                table: "StaffSessions",
                column: "KeyHash");

            migrationBuilder.CreateIndex(
                name: "IX_StaffSessions_TenantId",
                table: "StaffSessions",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdapterNames");

            migrationBuilder.DropTable(
                name: "StaffSessions");
        }
    }
}
