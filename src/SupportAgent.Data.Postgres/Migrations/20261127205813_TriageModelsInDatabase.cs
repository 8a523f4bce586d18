using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportAgent.Data.Postgres.Migrations
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
                    TenantId = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    Examples = table.Column<int>(type: "integer", nullable: false),
                    Categories = table.Column<string>(type: "text", nullable: false),
                    OutOfScopeBelow = table.Column<double>(type: "double precision", nullable: true),
                    NearestBelow = table.Column<double>(type: "double precision", nullable: true),
                    EmbeddingModel = table.Column<string>(type: "text", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: false),
                    TrainedBy = table.Column<string>(type: "text", nullable: false),
                    Model = table.Column<byte[]>(type: "bytea", nullable: true),
                    Vectors = table.Column<byte[]>(type: "bytea", nullable: true)
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
