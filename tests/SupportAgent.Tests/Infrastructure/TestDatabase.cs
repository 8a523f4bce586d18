namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// Which database engine the integration tests of the running test collection use: PostgreSQL for the classes marked
/// <see cref="OnPostgresAttribute"/>, else <c>SUPPORTAGENT_TEST_DATABASE</c> (<c>sqlite</c> or <c>postgres</c>), else
/// SQLite. <see cref="PerEngineCollections"/> sets it around each collection, so it holds for its fixtures too.
/// </summary>
public static class TestDatabase
{
    private static readonly AsyncLocal<string?> OfCollection = new();
    private static readonly string Default = Environment.GetEnvironmentVariable("SUPPORTAGENT_TEST_DATABASE") is { Length: > 0 } chosen ? chosen : "sqlite";

    public static string Provider => OfCollection.Value ?? Default;

    public static bool IsPostgres => Provider == "postgres";

    /// <summary>For the rest of the calling async method and everything it starts: the collection runner's scope.</summary>
    internal static void UseForCollection(string? provider) => OfCollection.Value = provider;
}

/// <summary>
/// Runs a test class on PostgreSQL. The rule for which classes get a PostgreSQL twin (a sealed subclass with this
/// attribute, declared beside the class): anything that writes or queries the store (conversations, escalations,
/// documents, tenants, keys, sessions, adapters, analytics, triage models), transactions and unique constraints, the job
/// queue and its leases, migrations, restarts and replicas. Classes that only exercise understanding, ranking, answers,
/// file parsing, request shape or the front end run the same code on SQLite and would only repeat it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OnPostgresAttribute : Attribute;
