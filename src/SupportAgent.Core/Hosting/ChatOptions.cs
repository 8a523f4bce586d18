using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Hosting;

public sealed class ChatOptions
{
    public const string SectionName = "SupportAgent:Chat";

    /// <summary>Longest customer or staff message accepted; longer ones are refused, not truncated.</summary>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>How many recent turns are kept as context for retrieval and generation.</summary>
    [Range(0, 50)]
    public int HistoryTurns { get; set; } = 6;

    /// <summary>
    /// How many recent turns are searched for the entity under discussion (a product, a hotel) when the latest message
    /// names none. Longer than <see cref="HistoryTurns"/>: a conversation keeps its subject long after its wording has
    /// moved on, and only the entity, not the older topics, is taken from these turns.
    /// </summary>
    [Range(0, 500)]
    public int EntityHistoryTurns { get; set; } = 50;
}
