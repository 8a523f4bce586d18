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
}
