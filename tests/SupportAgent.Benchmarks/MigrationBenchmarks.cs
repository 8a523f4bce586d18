using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SupportAgent.Core.Data;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Benchmarks;

/// <summary>
/// What every start pays when the database is already up to date: <c>MigrateAsync</c> on a migrated SQLite file, with
/// the product's options (<see cref="DatabaseProviders"/>), and with EF Core's default check of the model against the
/// migrations put back (<see cref="CompareModelWithMigrations"/>) to show what leaving it to the tests saves.
/// </summary>
[MemoryDiagnoser]
public class MigrationBenchmarks
{
    private string directory = "";
    private DbContextOptions<SupportDbContext> options = null!;

    [Params(false, true)]
    public bool CompareModelWithMigrations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        directory = Directory.CreateTempSubdirectory("supportagent-bench").FullName;
        var builder = new DbContextOptionsBuilder<SupportDbContext>();
        builder.UseSupportDatabase(new DatabaseOptions(), directory);
        if (CompareModelWithMigrations) builder.ConfigureWarnings(w => w.Log(RelationalEventId.PendingModelChangesWarning));
        options = builder.Options;
        using var db = new SupportDbContext(options);
        db.Database.Migrate();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark]
    public async Task MigrateUpToDateDatabase()
    {
        await using var db = new SupportDbContext(options);
        await db.Database.MigrateAsync();
    }
}
