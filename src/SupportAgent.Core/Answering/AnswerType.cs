using System.Text.RegularExpressions;

namespace SupportAgent.Core.Answering;

/// <summary>
/// What kind of answer a question expects ("how long" → a duration, "how much" → an amount). Sentences of that kind
/// are preferred when quoting, because the words that matter ("long", "much") never appear in the answer itself.
/// </summary>
internal static partial class AnswerType
{
    [GeneratedRegex(@"\b(how\s+long|how\s+many\s+(days|weeks|hours)|when\s+will|how\s+soon|how\s+quickly|arrive|take)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksDuration();

    [GeneratedRegex(@"\b\d+\s*(?:[–-]|to)?\s*\d*\s*(?:business\s+|working\s+)?(?:days?|weeks?|hours?|minutes?|months?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    [GeneratedRegex(@"\b(how\s+much|cost|costs|price|fee|fees|charge|expensive|cheap)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksAmount();

    [GeneratedRegex(@"[$€£]\s?\d|\b\d+(\.\d+)?\s?(%|percent|dollars|usd)\b|\bfree\b", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    /// <summary>1 when the sentence has the kind of fact the question asks for, else 0.</summary>
    public static int Match(string question, string sentence) =>
        (AsksDuration().IsMatch(question) && Duration().IsMatch(sentence)) || (AsksAmount().IsMatch(question) && Amount().IsMatch(sentence)) ? 1 : 0;
}
