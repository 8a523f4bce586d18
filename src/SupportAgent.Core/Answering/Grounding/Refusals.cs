using System.Text.RegularExpressions;

namespace SupportAgent.Core.Answering.Grounding;

/// <summary>
/// Recognises a model saying it cannot answer. The prompt asks for a fixed sentence, but models paraphrase, so the
/// common forms (and a few other languages, since the model answers in the customer's) are matched too.
/// </summary>
public static partial class Refusals
{
    public const string Sentinel = "I can't answer that from our help articles.";

    [GeneratedRegex(@"\b(i\s+(can(?:no|')?t|cannot|am\s+(not\s+able|unable)|'m\s+(not\s+able|unable)|do\s+not|don'?t)\s+(answer|help\s+with|find|know|have\s+(enough\s+)?information)|(not|no)\s+(mentioned|covered|included|information)\s+(in|about)\s+(the|our|these|those|any)?\s*(passages?|articles?|sources?|documents?|help)|the\s+(passages?|articles?|sources?)\s+(do(es)?\s+not|don'?t)\s+(say|mention|cover|contain)|je\s+ne\s+(sais|peux)\s+pas|no\s+(lo\s+s[ée]|puedo\s+responder)|ich\s+wei(ß|ss)\s+(es\s+)?nicht|kann\s+(ich\s+)?(das\s+)?nicht\s+beantworten)", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static bool IsRefusal(string text) => Pattern().IsMatch(text.Replace('’', '\''));
}
