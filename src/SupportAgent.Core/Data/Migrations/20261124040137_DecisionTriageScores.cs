using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportAgent.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DecisionTriageScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "CategoryConfidence",
                table: "Decisions",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<bool>(
                name: "OutOfScope",
                table: "Decisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CategoryConfidence",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "OutOfScope",
                table: "Decisions");
        }
    }
}
