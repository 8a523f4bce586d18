using System.Text.RegularExpressions;

namespace SupportAgent.Core.Triage;

/// <summary>Phrase lists compiled once into case-insensitive, word-bounded patterns.</summary>
internal sealed class Lexicon(params string[] phrases)
{
    private readonly Regex pattern = new(
        @"\b(?:" + string.Join("|", phrases.Select(p => Regex.Escape(p).Replace(@"\ ", @"\s+"))) + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public bool Matches(string text) => pattern.IsMatch(text);
}
