using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// Settings for the Qdrant index (used when <c>SupportAgent:Index:Provider</c> is <c>qdrant</c>; the Url is then
/// required, which <see cref="QdrantServices"/> validates on start).
/// </summary>
public sealed class QdrantOptions
{
    public const string SectionName = "SupportAgent:Qdrant";

    /// <summary>Qdrant's gRPC endpoint, e.g. <c>http://qdrant:6334</c> (<c>https://</c> for TLS). Not the REST port 6333.</summary>
    [Url(ErrorMessage = "SupportAgent:Qdrant:Url must be an absolute http(s) URL of Qdrant's gRPC port, e.g. http://localhost:6334.")]
    public string? Url { get; set; }

    /// <summary>Sent as the <c>api-key</c> metadata of every call when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Collection name prefix; the embedding model and dimension are appended (one collection per model).</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,100}$", ErrorMessage = "SupportAgent:Qdrant:Collection may hold letters, digits, '_' and '-' only.")]
    public string Collection { get; set; } = "supportagent";

    /// <summary>
    /// The gRPC deadline of every attempt (Qdrant.Client sends none unless told). A slow Qdrant must fail fast so the
    /// customer gets a hand-off instead of a spinner, and Qdrant stops working on an answer nobody waits for.
    /// </summary>
    [Range(0.05, 600)]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Retries on Unavailable, DeadlineExceeded, ResourceExhausted and Aborted (every call is idempotent: upserts use deterministic ids).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubled per retry, with jitter.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 200;

    /// <summary>Upper bound on any single wait, including a rate-limited Qdrant's <c>retry-after</c>.</summary>
    [Range(0, 600)]
    public double MaxRetryDelaySeconds { get; set; } = 10;

    /// <summary>Candidates each of the sparse and dense prefetches hands to rank fusion.</summary>
    [Range(1, 1000)]
    public int PrefetchLimit { get; set; } = 50;

    [Range(1, 10_000)]
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>Cluster settings, applied when the collection is created (fixed afterwards); unset = Qdrant's defaults.</summary>
    [Range(1, 1000)] public int? ShardNumber { get; set; }
    [Range(1, 100)] public int? ReplicationFactor { get; set; }
    [Range(1, 100)] public int? WriteConsistencyFactor { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
