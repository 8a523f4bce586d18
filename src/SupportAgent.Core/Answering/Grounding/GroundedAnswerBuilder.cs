using System.Text;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering.Grounding;

/// <summary>
/// Receives a model's output as it streams and releases only text that is safe to show: nothing until a sentence
/// with a valid, supported citation has arrived (so a refusal or an uncited guess is never shown), then each sentence
/// as soon as it is complete and checked. Citations are renumbered in order of first use so <c>[n]</c> in the reply
/// is the n-th entry of the reply's citation list. One failed check stops the release: the answer is ungrounded.
/// </summary>
public sealed class GroundedAnswerBuilder(IReadOnlyList<Passage> passages)
{
    private readonly StringBuilder pending = new();
    private readonly StringBuilder raw = new();
    private readonly StringBuilder released = new();
    private readonly List<string> held = [];
    private readonly List<int> order = [];
    private bool anchored;

    /// <summary>Set once a check fails or the model refuses; from then on nothing more is released.</summary>
    public bool Ungrounded { get; private set; }

    /// <summary>The model's full output, kept as the staff draft when the answer is not sent.</summary>
    public string Raw => raw.ToString();

    /// <summary>Everything released so far (the reply when the answer is grounded).</summary>
    public string Released => released.ToString();

    /// <summary>Adds streamed text; returns the text that may be shown now (possibly empty).</summary>
    public string Append(string delta)
    {
        raw.Append(delta);
        pending.Append(delta);
        var text = pending.ToString();
        // Only text up to the last sentence end (followed by whitespace) is complete; the rest waits for more tokens.
        var end = CitedSentence.End().Matches(text).LastOrDefault() is { } last ? last.Index + last.Length : 0;
        var output = new StringBuilder();
        foreach (var sentence in CitedSentence.Split(text[..end])) output.Append(Accept(sentence));
        pending.Clear().Append(text[end..]);
        return output.ToString();
    }

    /// <summary>The stream ended: checks the last sentence; returns what may still be shown.</summary>
    public string Complete()
    {
        var rest = pending.ToString();
        pending.Clear();
        var output = string.IsNullOrWhiteSpace(rest) ? "" : Accept(rest);
        if (!anchored) Ungrounded = true; // no sentence carried a valid, supported citation
        return output;
    }

    public bool Grounded => !Ungrounded && anchored;

    /// <summary>The passages cited by the released text, in the order of their new numbers.</summary>
    public IReadOnlyList<Citation> Citations => [.. order.Select(n => passages[n - 1]).Select(p =>
        new Citation(p.Chunk.DocumentId, p.Chunk.Title, p.Chunk.ChunkId, Snippet(p.Chunk.Text), p.Chunk.Url, p.Chunk.Heading))];

    private string Accept(string sentenceText)
    {
        if (Ungrounded) return "";
        var sentence = CitedSentence.Parse(sentenceText);
        if (Refusals.IsRefusal(sentence.WithoutMarkers)) { Ungrounded = true; return ""; }
        var verdict = CitationCheck.Verify(sentence, passages);
        if (verdict is SentenceVerdict.Invalid or SentenceVerdict.Unsupported) { Ungrounded = true; return ""; }
        var renumbered = Renumber(sentenceText);
        if (!anchored && verdict != SentenceVerdict.Supported) { held.Add(renumbered); return ""; }
        var output = anchored ? renumbered : string.Concat(held) + renumbered;
        anchored = true;
        held.Clear();
        if (released.Length == 0) output = output.TrimStart();
        released.Append(output);
        return output;
    }

    private string Renumber(string text) => CitedSentence.Marker().Replace(text, m =>
        "[" + string.Join(", ", m.Groups[1].Value.Split(',').Select(n => NewNumber(int.Parse(n.Trim())))) + "]");

    private int NewNumber(int original)
    {
        var index = order.IndexOf(original);
        if (index >= 0) return index + 1;
        order.Add(original);
        return order.Count;
    }

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..297].TrimEnd() + "…";
}
