using System.Net;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// A Qdrant call failed. <see cref="StatusCode"/> is null when Qdrant could not be reached or did not answer in
/// time; otherwise the message carries Qdrant's own error text, so an operator can act on it.
/// </summary>
public sealed class QdrantException(string message, HttpStatusCode? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>Worth trying again later (unreachable, timed out, rate limited, unavailable).</summary>
    public bool IsTransient => StatusCode is null or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
}
