using System.Text.RegularExpressions;

namespace SupportAgent.Core.FineTuning;

/// <summary>
/// Removes what must never end up in model weights: e-mail addresses, card numbers and phone numbers. Cards go
/// first because a card number would otherwise also look like a phone number. It errs towards scrubbing: a long
/// order number written with separators may be masked too, which costs a training example a detail, not a leak.
/// </summary>
public static partial class PiiScrubber
{
    public const string Email = "[email]";
    public const string Card = "[card number]";
    public const string Phone = "[phone number]";

    public static string Scrub(string text)
    {
        text = EmailPattern().Replace(text, Email);
        text = CardPattern().Replace(text, Card);
        return PhonePattern().Replace(text, m => m.Value.Count(char.IsAsciiDigit) >= 9 ? Phone : m.Value);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // 13 to 19 digits, optionally grouped by spaces or dashes (how people type card numbers).
    [GeneratedRegex(@"(?<!\d)(?:\d[ \-]?){12,18}\d(?!\d)")]
    private static partial Regex CardPattern();

    // An optional +country code, then digits with the usual separators: +1 (555) 123-4567, 020 7946 0958, 555.123.4567.
    // At least 9 digits in all, so dates (2026-11-24) and short order numbers stay.
    [GeneratedRegex(@"(?<![\w])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d{2,4}(?:[ .\-]?\d{2,4}){1,4}(?![\w])")]
    private static partial Regex PhonePattern();
}
