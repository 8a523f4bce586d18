namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// One server for all the tests of a class whose configuration is the default (a class fixture): booting a host per
/// test cost more than most tests themselves. Each test takes tenants of its own (<see cref="TenantIds.New"/>), so
/// tests never see each other's data. Tests that need another configuration, a clock of their own or a restart keep
/// their own <see cref="SupportAgentApp"/>; a configuration several classes share gets a subclass.
/// </summary>
public class SharedApp : IDisposable
{
    public SharedApp() : this(app => app) { }

    protected SharedApp(Func<SupportAgentApp, SupportAgentApp> configure) => App = configure(new SupportAgentApp());

    public SupportAgentApp App { get; }

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A shared server that lets tenants register adapters on loopback (the tests' fake LLM servers).</summary>
public sealed class LoopbackAdaptersApp() : SharedApp(app => app.With("SupportAgent:Adapters:AllowLoopback", "true"));

/// <summary>Tenant ids unique in the test run, so tests sharing a server (or a PostgreSQL instance) never meet.</summary>
public static class TenantIds
{
    private static int next;

    /// <summary>The readable name the test speaks of, with a number (ids are lowercase letters, digits and '-').</summary>
    public static string New(string name) => $"{name}-{Interlocked.Increment(ref next)}";
}
