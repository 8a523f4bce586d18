using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SupportAgent.Server.Auth;

namespace SupportAgent.Server.RateLimiting;

/// <summary>Which budget a request draws on: its category, the client (tenant, role and address) and the tenant.</summary>
public readonly record struct RateKey(RateLimitCategory? Category, string Client, string Tenant);

/// <summary>
/// The one set of limiters, shared by the HTTP middleware (through <see cref="ForHttp"/>) and the hub, so a client cannot
/// dodge its budget by switching from REST to SignalR. Every permit must pass both the client's and the tenant's window.
/// </summary>
public sealed class RateLimitGate : IDisposable
{
    private readonly RateLimitOptions options;
    private readonly PartitionedRateLimiter<RateKey> perClient;
    private readonly PartitionedRateLimiter<RateKey> perTenant;
    private readonly PartitionedRateLimiter<RateKey> limiter;
    private readonly PartitionedRateLimiter<string> failures;

    public RateLimitGate(IOptions<RateLimitOptions> configured)
    {
        options = configured.Value;
        var window = TimeSpan.FromSeconds(options.WindowSeconds);
        perClient = PartitionedRateLimiter.Create<RateKey, string>(k => Window($"client|{k.Category}|{k.Client}", k.Category, perTenant: false, window));
        perTenant = PartitionedRateLimiter.Create<RateKey, string>(k => Window($"tenant|{k.Category}|{k.Tenant}", k.Category, perTenant: true, window));
        limiter = PartitionedRateLimiter.CreateChained(perClient, perTenant);
        failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = options.FailedSignInsPerAddress, Window = window, QueueLimit = 0 }));
    }

    public bool Enabled => options.Enabled;

    /// <summary>The limiter the ASP.NET Core rate-limiting middleware runs for every request.</summary>
    public PartitionedRateLimiter<HttpContext> ForHttp() => limiter.WithTranslatedKey<HttpContext>(KeyOf, leaveOpen: true);

    /// <summary>A hub call's permit; on refusal the lease carries the retry-after metadata.</summary>
    public RateLimitLease Acquire(RateLimitCategory category, HttpContext? http, string tenant) =>
        options.Enabled ? limiter.AttemptAcquire(new RateKey(category, ClientOf(http, tenant), tenant)) : Allowed.Lease;

    /// <summary>Counts one failed key or sign-in from this request's address; not acquired = too many failures.</summary>
    public RateLimitLease RecordFailedSignIn(HttpContext http) =>
        options.Enabled ? failures.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown") : Allowed.Lease;

    public static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);

    private RateLimitPartition<string> Window(string partition, RateLimitCategory? category, bool perTenant, TimeSpan window)
    {
        var limit = (category, perTenant) switch
        {
            (RateLimitCategory.Conversations, false) => options.ConversationsPerClient,
            (RateLimitCategory.Conversations, true) => options.ConversationsPerTenant,
            (RateLimitCategory.Messages, false) => options.MessagesPerClient,
            (RateLimitCategory.Messages, true) => options.MessagesPerTenant,
            (RateLimitCategory.Uploads, false) => options.UploadsPerClient,
            (RateLimitCategory.Uploads, true) => options.UploadsPerTenant,
            _ => 0,
        };
        if (!options.Enabled || limit == 0) return RateLimitPartition.GetNoLimiter(partition);
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0, AutoReplenishment = true });
    }

    private static RateKey KeyOf(HttpContext http)
    {
        var category = http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>()?.Category;
        if (category is null) return new RateKey(null, "", "");
        var tenant = http.User.FindFirst(SupportClaims.Tenant)?.Value ?? http.GetRouteValue("t")?.ToString() ?? "";
        return new RateKey(category, ClientOf(http, tenant), tenant);
    }

    private static string ClientOf(HttpContext? http, string tenant) =>
        $"{tenant}|{http?.User.FindFirst(SupportClaims.Role)?.Value}|{http?.Connection.RemoteIpAddress}";

    public void Dispose()
    {
        // A chain leaves the limiters it chains open; each runs a timer (a heartbeat every 100 ms) until it is disposed, so
        // a host that stopped kept two ticking for the rest of the process (seen in the test host, which starts hundreds).
        limiter.Dispose();
        perClient.Dispose();
        perTenant.Dispose();
        failures.Dispose();
    }

    /// <summary>A granted lease for when limits are switched off.</summary>
    private sealed class Allowed : RateLimitLease
    {
        public static readonly Allowed Lease = new();
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata) { metadata = null; return false; }
    }
}
