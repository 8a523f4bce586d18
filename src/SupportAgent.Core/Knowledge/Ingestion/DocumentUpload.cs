namespace SupportAgent.Core.Knowledge.Ingestion;

/// <summary>One uploaded file, fully buffered (uploads are size-limited before they get here).</summary>
public sealed record DocumentUpload(string FileName, byte[] Content);

/// <summary>
/// What happened to one uploaded file, or to one line of a .jsonl file (<paramref name="Line"/>, 1-based);
/// <paramref name="Error"/> says why it failed.
/// </summary>
public sealed record IngestionOutcome(string FileName, string? DocumentId, DocumentStatus Status, string? Error, bool Unchanged = false, int? Line = null);
