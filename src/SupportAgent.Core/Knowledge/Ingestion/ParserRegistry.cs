using SupportAgent.Core.Knowledge.Parsing;

namespace SupportAgent.Core.Knowledge.Ingestion;

public sealed class ParserRegistry(IEnumerable<IDocumentParser> parsers)
{
    private readonly Dictionary<string, IDocumentParser> byExtension =
        parsers.SelectMany(p => p.Extensions.Select(e => (e, p))).ToDictionary(x => x.e, x => x.p, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Extensions => byExtension.Keys;

    public IDocumentParser? For(string fileName) =>
        byExtension.GetValueOrDefault(Path.GetExtension(fileName));
}
