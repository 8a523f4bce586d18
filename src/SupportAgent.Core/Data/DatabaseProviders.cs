using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Core.Data;

/// <summary>
/// One model, two engines: SQLite (a file in the data directory, one process) or PostgreSQL (shared by replicas).
/// Each engine has its own migrations, because the SQL each generates differs; SQLite's live in this assembly.
/// </summary>
public static class DatabaseProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string PostgresMigrationsAssembly = "SupportAgent.Data.Postgres";

    public static DbContextOptionsBuilder UseSupportDatabase(this DbContextOptionsBuilder options, DatabaseOptions db, string dataDirectory)
    {
        // Migrating compares the model with the migrations' snapshot first, building both from scratch at every start
        // (about half of a migration's CPU when there is nothing to apply; a share of every server and CLI start). A model
        // change without its migration is caught before release instead, on each engine (MigrationsTests).
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (db.Provider == Postgres)
        {
            if (string.IsNullOrWhiteSpace(db.ConnectionString))
                throw new InvalidOperationException("SupportAgent:Database:ConnectionString is required when the provider is 'postgres'.");
            // No retrying execution strategy: the code opens its own transactions, which such a strategy refuses.
            return options.UseNpgsql(db.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        Directory.CreateDirectory(dataDirectory);
        var connectionString = db.ConnectionString ?? $"Data Source={Path.Combine(dataDirectory, "supportagent.db")}";
        return options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas(), new SqliteWriteGate(connectionString));
    }
}
