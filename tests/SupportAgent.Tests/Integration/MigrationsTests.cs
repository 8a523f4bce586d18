using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Hosting;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>
/// The server does not compare its model with the migrations when it starts (<see cref="DatabaseProviders"/>), so a
/// change to the model that nobody wrote a migration for is caught here, once per database engine.
/// </summary>
public class MigrationsTests
{
    [Fact]
    public void EveryChangeToTheModelHasAMigrationOnTheEngineUnderTest()
    {
        var options = new DbContextOptionsBuilder<SupportDbContext>();
        // Comparing never connects: any well-formed connection string will do.
        options.UseSupportDatabase(new DatabaseOptions
        {
            Provider = TestDatabase.Provider,
            ConnectionString = TestDatabase.IsPostgres ? "Host=localhost;Database=unused" : "Data Source=unused.db",
        }, Path.GetTempPath());
        using var db = new SupportDbContext(options.Options);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes no {TestDatabase.Provider} migration applies: add one (docs/operations.md, migrations).");
    }
}

[OnPostgres]
public sealed class MigrationsTestsOnPostgres : MigrationsTests;
