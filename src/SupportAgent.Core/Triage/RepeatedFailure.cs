namespace SupportAgent.Core.Triage;

/// <summary>
/// "Repeated failed answers": the customer has said the answers do not help, or has asked the same thing again,
/// at least twice in the conversation (this turn included). A third try with the bot helps nobody; a person should take over.
/// </summary>
internal static class RepeatedFailure
{
    private static readonly Lexicon Dissatisfied = Lexicon.Patterns(
        @"(that|this|it|you)('s|\s+is|\s+are)?\s+(not|n't)\s+(help(ing|ful)?|what\s+i\s+(asked|meant|need(ed)?|want(ed)?)|right|correct|answer(ing)?\s+my\s+question|listening|understanding)",
        @"(that|this|it)\s+(doesn't|didn't|does\s+not|did\s+not)\s+(help|answer|work|make\s+sense)",
        @"(doesn't|didn't|does\s+not|did\s+not)\s+answer\s+my\s+question",
        @"not\s+what\s+i\s+(asked|meant)", @"wrong\s+answer", @"you('re|\s+are)\s+not\s+(helping|listening|understanding)",
        @"i\s+(already|just)\s+(said|told\s+you|asked|explained)", @"as\s+i\s+(said|already\s+said|mentioned)",
        @"(still|again)\s+(doesn't|didn't|not)\s+(help|answer|work)", @"read\s+my\s+(question|message)", @"useless", @"going\s+(round|around)\s+in\s+circles");

    public static bool Detect(string text, IReadOnlyList<string> history)
    {
        if (!IsFailureSignal(text, history.Count, [.. history, text])) return false;
        var earlier = 0;
        for (var i = 0; i < history.Count; i++)
            if (IsFailureSignal(history[i], i, [.. history, text])) earlier++;
        return earlier >= 1;
    }

    /// <summary>Turn <paramref name="index"/> complains, or repeats an earlier turn almost word for word.</summary>
    private static bool IsFailureSignal(string turn, int index, IReadOnlyList<string> turns) =>
        Dissatisfied.Matches(turn) || turns.Take(index).Any(earlier => Similar(earlier, turn));

    private static bool Similar(string a, string b)
    {
        var x = Retrieval.TextAnalysis.Terms(a).ToHashSet();
        var y = Retrieval.TextAnalysis.Terms(b).ToHashSet();
        if (x.Count < 2 || y.Count < 2) return false;
        return (double)x.Intersect(y).Count() / x.Union(y).Count() >= 0.6;
    }
}
