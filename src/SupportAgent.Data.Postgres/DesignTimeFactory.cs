using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SupportAgent.Core.Data;

namespace SupportAgent.Data.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add X --project src/SupportAgent.Data.Postgres</c> build the PostgreSQL model without a
/// server (adding a migration never connects).
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SupportDbContext>
{
    public SupportDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SupportDbContext>()
            .UseNpgsql("Host=localhost;Database=supportagent", o => o.MigrationsAssembly(DatabaseProviders.PostgresMigrationsAssembly)).Options);
}
