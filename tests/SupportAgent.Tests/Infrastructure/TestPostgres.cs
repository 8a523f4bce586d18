using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SupportAgent.Core.Data;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL the suite runs against when <see cref="TestDatabase.Provider"/> is <c>postgres</c>:
/// <c>SUPPORTAGENT_TEST_POSTGRES</c> (a superuser connection string, as CI sets it) or, without it, a server of
/// Debian's PostgreSQL started for this test run. Each app gets a database of its own, named after its data
/// directory so a restarted app finds its data again.
/// </summary>
internal static class TestPostgres
{
    private static readonly Lazy<string> Admin = new(() =>
        Environment.GetEnvironmentVariable("SUPPORTAGENT_TEST_POSTGRES") is { Length: > 0 } configured ? configured : StartServer());

    public static string AdminConnectionString => Admin.Value;

    public static string DatabaseFor(string dataDirectory) =>
        "sa_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..20];

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// Creates the database unless it exists (a restart on the same data directory), as a copy of <see cref="Template"/>:
    /// it starts with every migration applied, so the server's own migration step finds nothing to do.
    /// </summary>
    public static string CreateDatabase(string dataDirectory)
    {
        var name = DatabaseFor(dataDirectory);
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        // FILE_COPY copies the template's files; the default (WAL_LOG) writes every page of it to the write-ahead log,
        // which took about 125 ms a database here against 15 ms. FILE_COPY's price is a checkpoint, which is cheap on the
        // test servers (no fsync, .ci/services) and only slower on a durable one.
        if (!Exists(connection, name)) Execute(connection, $"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\" STRATEGY FILE_COPY");
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// A database with the product's migrations applied, made once per test run (its name says which migrations, so a
    /// server kept between runs never hands out an older schema). Every app on PostgreSQL used to migrate an empty
    /// database of its own; copying this one is a file copy inside PostgreSQL. Built under a temporary name and renamed
    /// when complete, so a half-migrated template is never copied.
    /// </summary>
    private static readonly Lazy<string> Template = new(() =>
    {
        using var admin = new NpgsqlConnection(AdminConnectionString);
        admin.Open();
        var building = "sa_template_building_" + Environment.ProcessId;
        Execute(admin, $"DROP DATABASE IF EXISTS \"{building}\"");
        Execute(admin, $"CREATE DATABASE \"{building}\"");
        // No pooling: a connection left open to a template makes copying it fail.
        var options = new DbContextOptionsBuilder<SupportDbContext>();
        options.UseSupportDatabase(new DatabaseOptions
        {
            Provider = DatabaseProviders.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = building, Pooling = false }.ConnectionString,
        }, "");
        string name;
        using (var db = new SupportDbContext(options.Options))
        {
            name = "sa_template_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', db.Database.GetMigrations()))))[..16];
            if (Exists(admin, name))
            {
                Execute(admin, $"DROP DATABASE \"{building}\"");
                return name;
            }
            db.Database.Migrate();
        }
        Execute(admin, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
        return name;
    });

    private static bool Exists(NpgsqlConnection connection, string database)
    {
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        return exists.ExecuteScalar() is not null;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static void DropDatabase(string dataDirectory)
    {
        // Only this database's idle connections: clearing every pool made the tests running meanwhile open theirs again,
        // and each PostgreSQL connection is a process started on the server.
        var database = DatabaseFor(dataDirectory);
        using (var pooled = new NpgsqlConnection(ConnectionStringFor(database))) NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    private static string StartServer()
    {
        StopOrphans();
        // Debian installs each major version side by side; take the newest.
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "initdb")));
        var scratch = LocalProcessServer.Scratch("postgres", owner: "postgres");
        var data = Path.Combine(scratch, "data");
        LocalProcessServer.Run($"{bin}/initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --no-sync", user: "postgres");
        var port = LocalProcessServer.FreePort();
        // Durability is not under test here: no fsync keeps hundreds of small test databases fast.
        LocalProcessServer.StartWatched($"{bin}/postgres",
            $"-D {data} -p {port} -k {scratch} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500",
            user: "postgres", scratch);
        // Pooled, as with a server CI provides: the apps' connection strings derive from this one, and without a pool every
        // database call of every test started a PostgreSQL process.
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(connectionString);
                connection.Open();
                return connectionString;
            }
            catch (Exception) when (DateTime.UtcNow < deadline) { Thread.Sleep(100); }
        }
    }

    /// <summary>
    /// A test host that is ended without its exit handlers leaves its server running; the next run stops the servers of
    /// test hosts that no longer exist (the scratch folder is named after the test host's process id).
    /// </summary>
    private static void StopOrphans()
    {
        foreach (var scratch in Directory.EnumerateDirectories(Path.GetTempPath(), "supportagent-postgres-*"))
        {
            var parts = Path.GetFileName(scratch).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[2], out var owner) || owner == Environment.ProcessId || IsAlive(owner)) continue;
            var pidFile = Path.Combine(scratch, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster))
                try
                {
                    // Only if that process id still is a PostgreSQL server (ids are reused).
                    using var process = System.Diagnostics.Process.GetProcessById(postmaster);
                    if (process.ProcessName == "postgres") process.Kill();
                }
                catch (ArgumentException) { } catch (InvalidOperationException) { }
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsAlive(int pid)
    {
        try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }
}
