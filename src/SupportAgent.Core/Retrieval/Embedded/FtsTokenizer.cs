using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SupportAgent.Core.Retrieval.Embedded;

/// <summary>
/// Tokenizes text exactly as the index's FTS5 tables do (<see cref="Tokenizer"/>), so the in-memory BM25 index agrees
/// with them term for term. Text is cut into pieces at characters unicode61 always treats as separators (ASCII
/// punctuation and spaces, Unicode punctuation, symbols, separators and controls); each distinct piece is handed once
/// to SQLite's own tokenizer (an in-memory FTS5 table read back through <c>fts5vocab</c>) and its tokens are cached.
/// Case folding, diacritics and Porter stemming are therefore SQLite's, not a re-implementation that could drift.
/// </summary>
internal static class FtsTokenizer
{
    public const string Tokenizer = "porter unicode61 remove_diacritics 2";

    /// <summary>Distinct pieces remembered; past this the cache starts over (customers can type endless new words).</summary>
    private const int MaxCached = 1_000_000;

    private static readonly ConcurrentDictionary<string, string[]> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);
    private static readonly Lock OracleLock = new();
    private static SqliteConnection? oracle;

    /// <summary>Adds every token of <paramref name="text"/> to <paramref name="tokens"/>, in order.</summary>
    public static void Tokenize(string text, List<string> tokens)
    {
        var first = tokens.Count;
        if (TryTokenize(text, tokens)) return;
        tokens.RemoveRange(first, tokens.Count - first);
        Prepare([text]);
        if (!TryTokenize(text, tokens)) // the cache started over meanwhile: resolve piece by piece
        {
            tokens.RemoveRange(first, tokens.Count - first);
            foreach (var (start, length) in Pieces(text)) tokens.AddRange(Resolve([Lower(text.AsSpan(start, length), new char[length]).ToString()])[0]);
        }
    }

    /// <summary>The tokens of one query word (FTS5 tokenizes a quoted word the same way as document text).</summary>
    public static string[] WordTokens(string word)
    {
        var tokens = new List<string>(1);
        Tokenize(word, tokens);
        return [.. tokens];
    }

    /// <summary>Resolves every piece of the texts the cache does not know yet, in a few round trips to the tokenizer.</summary>
    public static void Prepare(IEnumerable<string> texts)
    {
        var lookup = Cache.GetAlternateLookup<ReadOnlySpan<char>>();
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        var seen = unknown.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> small = stackalloc char[64];
        foreach (var text in texts)
            foreach (var (start, length) in Pieces(text))
            {
                var span = text.AsSpan(start, length);
                var piece = length <= small.Length ? Lower(span, small) : Lower(span, new char[length]);
                if (!lookup.ContainsKey(piece) && !seen.Contains(piece)) unknown.Add(piece.ToString());
            }
        foreach (var batch in unknown.Chunk(10_000)) Resolve(batch);
    }

    private static bool TryTokenize(string text, List<string> tokens)
    {
        var lookup = Cache.GetAlternateLookup<ReadOnlySpan<char>>();
        char[]? rented = null;
        Span<char> buffer = text.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            foreach (var (start, length) in Pieces(text))
            {
                if (!lookup.TryGetValue(Lower(text.AsSpan(start, length), buffer), out var cached)) return false;
                tokens.AddRange(cached);
            }
            return true;
        }
        finally { if (rented is not null) ArrayPool<char>.Shared.Return(rented); }
    }

    private static string[][] Resolve(string[] pieces)
    {
        var result = new string[pieces.Length][];
        lock (OracleLock)
        {
            if (Cache.Count + pieces.Length > MaxCached) { Cache.Clear(); Interned.Clear(); }
            var connection = oracle ??= OpenOracle();
            using var tx = connection.BeginTransaction();
            using (var reset = connection.CreateCommand())
            {
                // A fresh table each time: deleted rows would linger in FTS5's segments and slow every later read.
                reset.Transaction = tx;
                reset.CommandText = $"""
                    DROP TABLE IF EXISTS v; DROP TABLE IF EXISTS t;
                    CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{Tokenizer}');
                    CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');
                    """;
                reset.ExecuteNonQuery();
            }
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO t (rowid, x) VALUES ($id, $x)";
                var id = insert.Parameters.Add("$id", SqliteType.Integer);
                var x = insert.Parameters.Add("$x", SqliteType.Text);
                for (var i = 0; i < pieces.Length; i++) { id.Value = i; x.Value = pieces[i]; insert.ExecuteNonQuery(); }
            }
            var tokens = new List<string>[pieces.Length];
            using (var read = connection.CreateCommand())
            {
                read.Transaction = tx;
                read.CommandText = "SELECT doc, term FROM v ORDER BY doc, offset";
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    var term = reader.GetString(1);
                    (tokens[reader.GetInt32(0)] ??= new(1)).Add(Interned.GetOrAdd(term, term));
                }
            }
            tx.Commit();
            for (var i = 0; i < pieces.Length; i++) Cache[pieces[i]] = result[i] = tokens[i] is { } list ? [.. list] : [];
        }
        return result;
    }

    private static SqliteConnection OpenOracle()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    /// <summary>ASCII letters lower-cased (unicode61 folds them the same way); everything else left to SQLite.</summary>
    private static ReadOnlySpan<char> Lower(ReadOnlySpan<char> piece, Span<char> buffer)
    {
        var target = buffer[..piece.Length];
        for (var i = 0; i < piece.Length; i++) target[i] = piece[i] is >= 'A' and <= 'Z' ? (char)(piece[i] | 0x20) : piece[i];
        return target;
    }

    /// <summary>Runs of characters between separators, as (start, length).</summary>
    private static IEnumerable<(int Start, int Length)> Pieces(string text)
    {
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var separator = IsSeparator(text, i, out var width);
            if (separator) { if (start >= 0) { yield return (start, i - start); start = -1; } }
            else if (start < 0) start = i;
            i += width - 1;
        }
        if (start >= 0) yield return (start, text.Length - start);
    }

    private static bool IsSeparator(string text, int i, out int width)
    {
        width = 1;
        var c = text[i];
        if (c < 128) return !char.IsAsciiLetterOrDigit(c);
        if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out width) != OperationStatus.Done) { width = 1; return false; }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
                or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }
}
