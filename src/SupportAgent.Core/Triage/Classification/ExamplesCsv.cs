using System.Text;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>Reads <c>text,category</c> CSV (RFC 4180 quoting). Returns the examples, or an error a person can act on.</summary>
public static class ExamplesCsv
{
    public static (List<LabelledExample> Examples, string? Error) Parse(string csv)
    {
        var rows = Rows(csv, out var quoteError);
        if (quoteError is not null) return ([], quoteError);
        if (rows.Count == 0) return ([], "The CSV is empty; send a header 'text,category' and one example per line.");
        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (header.Count != 2 || header[0] != "text" || header[1] != "category")
            return ([], $"The first line must be the header 'text,category' (got '{string.Join(",", rows[0])}').");
        var examples = new List<LabelledExample>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Count == 1 && string.IsNullOrWhiteSpace(row[0])) continue; // blank line
            if (row.Count != 2) return ([], $"Line {i + 1} has {row.Count} fields; each line needs exactly 'text,category' (quote text that contains commas).");
            var (text, category) = (row[0].Trim(), row[1].Trim());
            if (text.Length == 0) return ([], $"Line {i + 1} has an empty text.");
            if (category.Length == 0) return ([], $"Line {i + 1} has an empty category.");
            if (category.Length > 64) return ([], $"Line {i + 1}: category '{category[..20]}…' is longer than 64 characters.");
            examples.Add(new LabelledExample(text, category));
        }
        return (examples, null);
    }

    private static List<List<string>> Rows(string csv, out string? error)
    {
        error = null;
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                rows.Add(row); row = [];
                line++;
            }
            else field.Append(c);
        }
        if (quoted) { error = $"A quoted field opened on or before line {line} is never closed."; return rows; }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
