namespace SupportAgent.Core.Conversations;

/// <summary>A source shown with an answer: which document and chunk, with the passage it came from.</summary>
public sealed record Citation(string DocumentId, string Title, string ChunkId, string Snippet, string? Url = null, string? Heading = null)
{
    /// <summary>Only an http(s) link ever leaves the server, whatever an index or an old row holds (issue 13: javascript: links).</summary>
    public string? Url { get; init; } = Knowledge.SafeLinks.WebLinkOrNull(Url);
}
