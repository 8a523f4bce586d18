using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportAgent.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TriageModelsInDatabase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TriageModels",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Examples = table.Column<int>(type: "INTEGER", nullable: false),
                    Categories = table.Column<string>(type: "TEXT", nullable: false),
                    OutOfScopeBelow = table.Column<double>(type: "REAL", nullable: true),
                    NearestBelow = table.Column<double>(type: "REAL", nullable: true),
                    EmbeddingModel = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TrainedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Model = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Vectors = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TriageModels", x => new { x.TenantId, x.Version });
                    table.ForeignKey(
                        name: "FK_TriageModels_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TriageModels");
        }
    }
}
