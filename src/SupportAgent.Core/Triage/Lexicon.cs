using System.Text.RegularExpressions;

namespace SupportAgent.Core.Triage;

/// <summary>
/// Phrase lists compiled once into case-insensitive, word-bounded patterns. A phrase is literal except that spaces
/// match any whitespace; <see cref="Patterns"/> takes regular expressions for phrasings with gaps ("close down my old account").
/// </summary>
internal sealed class Lexicon
{
    private readonly Regex pattern;

    public Lexicon(params string[] phrases) : this(phrases.Select(p => Regex.Escape(p).Replace(@"\ ", @"\s+")).ToArray(), literal: true) { }

    private Lexicon(string[] patterns, bool literal)
    {
        _ = literal;
        pattern = new Regex(@"\b(?:" + string.Join("|", patterns) + @")\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public static Lexicon Patterns(params string[] patterns) => new(patterns, literal: false);

    public bool Matches(string text) => pattern.IsMatch(text.Replace('’', '\''));
}
