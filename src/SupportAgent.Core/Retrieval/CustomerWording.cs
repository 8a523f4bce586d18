using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SupportAgent.Core.Retrieval;

/// <summary>
/// Rewrites chat shorthand in a customer's question into the words a help centre uses, for the lexical side only
/// (BM25 and lexical coverage). Customers write "do u take amex", "hw long til it shows up", "doesnt fit": the
/// shorthand words match no article, so BM25 ignores them and lexical coverage counts them as content the passage
/// misses, which lowered the confidence of exactly the informal questions. The dense path reads the customer's own
/// text: the sentence model has seen such spellings and the rewrite would only move it away from what was written.
/// The table is general chat English, not any tenant's vocabulary.
/// </summary>
public static partial class CustomerWording
{
    private static readonly FrozenDictionary<string, string> Shorthand = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Pronouns and function words: they become stop words instead of unmatched content terms.
        ["u"] = "you", ["ya"] = "you", ["yall"] = "you", ["ur"] = "your", ["r"] = "are", ["em"] = "them", ["da"] = "the",
        ["hw"] = "how", ["wat"] = "what", ["wut"] = "what", ["wht"] = "what", ["cn"] = "can", ["pls"] = "please", ["plz"] = "please",
        ["thx"] = "thanks", ["ty"] = "thanks", ["til"] = "until", ["till"] = "until", ["b4"] = "before", ["abt"] = "about",
        ["w"] = "with", ["cuz"] = "because", ["coz"] = "because", ["bc"] = "because",
        ["gonna"] = "going to", ["wanna"] = "want to", ["gotta"] = "have to", ["kinda"] = "kind of",
        // Negations written without the apostrophe: "doesnt" is not a word of any article.
        ["doesnt"] = "does not", ["didnt"] = "did not", ["isnt"] = "is not", ["arent"] = "are not", ["wasnt"] = "was not",
        ["werent"] = "were not", ["wont"] = "will not", ["havent"] = "have not", ["hasnt"] = "has not", ["hadnt"] = "had not",
        ["couldnt"] = "could not", ["shouldnt"] = "should not", ["wouldnt"] = "would not", ["aint"] = "is not",
        // Everyday abbreviations a store's articles spell out.
        ["amex"] = "american express", ["xmas"] = "christmas", ["acct"] = "account", ["addy"] = "address", ["pw"] = "password",
        ["pwd"] = "password", ["info"] = "information", ["msg"] = "message", ["num"] = "number",
        ["qty"] = "quantity", ["approx"] = "approximately", ["intl"] = "international", ["sz"] = "size",
        // Filler that carries no request.
        ["guys"] = "", ["lol"] = "", ["lmao"] = "", ["omg"] = "", ["btw"] = "", ["tbh"] = "", ["ok"] = "", ["okay"] = "",
        ["hey"] = "", ["hiya"] = "", ["yo"] = "", ["um"] = "", ["umm"] = "", ["uh"] = "", ["hmm"] = "",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>The question with shorthand words replaced (case-insensitive, whole words); other text is kept as written.</summary>
    public static string ForLexicalSearch(string question) =>
        Word().Replace(question, m => Shorthand.TryGetValue(m.Value.ToLowerInvariant(), out var plain) ? plain : m.Value);
}
