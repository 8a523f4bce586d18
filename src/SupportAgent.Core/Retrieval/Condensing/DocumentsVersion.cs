namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>
/// What a tenant's document set looks like in the shared database: how many documents, and when the newest change was
/// written. Anything built from the documents (the <see cref="TitleVocabulary"/>) is rebuilt when this changes, on
/// every replica, because every replica reads it from the same rows.
/// </summary>
public sealed record DocumentsVersion(int Count, DateTimeOffset? Last)
{
    public string Key => $"{Count}:{Last}";
}
