namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// Which database engine the integration tests run on: <c>SUPPORTAGENT_TEST_DATABASE</c> (<c>sqlite</c> or
/// <c>postgres</c>), else the suite's default. The PostgreSQL suite compiles the same tests with POSTGRES_SUITE.
/// </summary>
public static class TestDatabase
{
#if POSTGRES_SUITE
    private const string Default = "postgres";
#else
    private const string Default = "sqlite";
#endif

    public static string Provider { get; } = Environment.GetEnvironmentVariable("SUPPORTAGENT_TEST_DATABASE") is { Length: > 0 } chosen ? chosen : Default;

    public static bool IsPostgres => Provider == "postgres";
}
