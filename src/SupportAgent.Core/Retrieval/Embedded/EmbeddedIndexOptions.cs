namespace SupportAgent.Core.Retrieval.Embedded;

public sealed class IndexOptions
{
    public const string SectionName = "SupportAgent:Index";

    /// <summary><c>embedded</c> (SQLite in the data directory) or <c>qdrant</c>.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^(embedded|qdrant)$", ErrorMessage = "Index Provider must be 'embedded' or 'qdrant'.")]
    public string Provider { get; set; } = "embedded";
}
