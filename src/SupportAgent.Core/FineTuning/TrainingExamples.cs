using System.Security.Cryptography;
using System.Text;

namespace SupportAgent.Core.FineTuning;

/// <summary>What is safe and useful to train on: PII scrubbed, duplicates removed, split into train and held-out.</summary>
public static class TrainingExamples
{
    /// <summary>Share of examples held out for evaluating the fine-tuned adapter (never trained on).</summary>
    public const int HeldOutPercent = 10;

    public static IReadOnlyList<ApprovedExample> Clean(IEnumerable<ApprovedExample> examples)
    {
        var seen = new HashSet<string>();
        var clean = new List<ApprovedExample>();
        foreach (var e in examples)
        {
            var scrubbed = e with
            {
                Question = PiiScrubber.Scrub(e.Question), Answer = PiiScrubber.Scrub(e.Answer),
                Passages = [.. e.Passages.Select(p => p with { Snippet = PiiScrubber.Scrub(p.Snippet) })],
            };
            // The same question answered the same way twice teaches nothing new and over-weights it.
            if (seen.Add(Key(scrubbed))) clean.Add(scrubbed);
        }
        return clean;
    }

    /// <summary>
    /// Held out by a hash of the question, not at random, so an example stays on the same side across exports
    /// and a question never leaks from the held-out set into training when the data grows.
    /// </summary>
    public static bool IsHeldOut(ApprovedExample example) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(example.Question))), 0) % 100 < HeldOutPercent;

    private static string Key(ApprovedExample e) => Normalize(e.Question) + "\u241E" + Normalize(e.Answer);

    private static string Normalize(string text) => string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
