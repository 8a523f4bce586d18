namespace SupportAgent.Core.Knowledge.Parsing;

public sealed class PlainTextParser : IDocumentParser
{
    public IReadOnlyCollection<string> Extensions { get; } = [".txt"];

    public ParsedDocument Parse(byte[] content, string fileName, ParseBudget? budget = null)
    {
        var text = TextDecoding.Decode(content, fileName).Trim();
        (budget ?? ParseBudget.Default(fileName)).CheckText(text.Length);
        if (text.Length == 0) throw new DocumentRejectedException($"'{fileName}' is empty.");
        return new ParsedDocument(TextDecoding.TitleFromFileName(fileName), [new Section([], text)]);
    }
}
