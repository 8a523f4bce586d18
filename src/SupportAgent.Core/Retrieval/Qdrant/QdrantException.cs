using Grpc.Core;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// A Qdrant call failed after its retries. <see cref="StatusCode"/> is the gRPC status (null when the client itself
/// refused a result); the message carries Qdrant's own error text, so an operator can act on it.
/// </summary>
public sealed class QdrantException(string message, StatusCode? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public StatusCode? StatusCode { get; } = statusCode;

    /// <summary>Worth trying again later (unreachable, past its deadline, rate limited, a shard unavailable).</summary>
    public bool IsTransient => StatusCode is { } code && QdrantResilience.IsTransient(code);
}
