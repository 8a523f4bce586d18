using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Server.RateLimiting;

/// <summary>
/// Request budgets per minute (fixed one-minute windows). "Per client" is one key from one address, so one abusive
/// browser cannot flood a tenant; "per tenant" caps everything a tenant's public widget key can start, whoever sends it.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "SupportAgent:RateLimits";

    /// <summary>Off for load tests and benchmarks; on by default.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)] public int ConversationsPerClient { get; set; } = 10;
    [Range(1, 1_000_000)] public int ConversationsPerTenant { get; set; } = 600;
    [Range(1, 1_000_000)] public int MessagesPerClient { get; set; } = 30;
    [Range(1, 1_000_000)] public int MessagesPerTenant { get; set; } = 1_200;
    [Range(1, 1_000_000)] public int UploadsPerClient { get; set; } = 20;
    [Range(1, 1_000_000)] public int UploadsPerTenant { get; set; } = 60;

    /// <summary>Failed API-key and console sign-in attempts per address; past it every further failure is a 429.</summary>
    [Range(1, 1_000_000)] public int FailedSignInsPerAddress { get; set; } = 20;

    [Range(1, 3600)] public int WindowSeconds { get; set; } = 60;
}
