using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>Keeps the page's h1–h6 structure and readable text; drops scripts, styles, navigation and chrome.</summary>
public sealed class HtmlParser : IDocumentParser
{
    private static readonly HashSet<string> Dropped = ["script", "style", "nav", "header", "footer", "noscript", "template", "svg", "form", "aside"];
    private static readonly HashSet<string> Blocks = ["p", "div", "li", "tr", "br", "section", "article", "blockquote", "pre", "dd", "dt", "table", "ul", "ol"];

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm"];

    public ParsedDocument Parse(byte[] content, string fileName)
    {
        var html = new HtmlDocument();
        html.LoadHtml(TextDecoding.Decode(content, fileName));
        var title = WebUtility.HtmlDecode(html.DocumentNode.SelectSingleNode("//title")?.InnerText ?? "").Trim();
        var root = html.DocumentNode.SelectSingleNode("//main") ?? html.DocumentNode.SelectSingleNode("//body") ?? html.DocumentNode;

        var sections = new List<Section>();
        var path = new List<(int Level, string Title)>();
        var body = new StringBuilder();
        Walk(root);
        Flush();
        if (sections.Count == 0) throw new DocumentRejectedException($"'{fileName}' has no readable text.");
        if (title.Length == 0) title = path.FirstOrDefault().Title ?? TextDecoding.TitleFromFileName(fileName);
        return new ParsedDocument(title, sections);

        void Walk(HtmlNode node)
        {
            foreach (var child in node.ChildNodes)
            {
                var name = child.Name.ToLowerInvariant();
                if (child.NodeType == HtmlNodeType.Comment || Dropped.Contains(name)) continue;
                if (child.NodeType == HtmlNodeType.Text)
                {
                    body.Append(WebUtility.HtmlDecode(child.InnerText));
                    continue;
                }
                if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6')
                {
                    Flush();
                    var level = name[1] - '0';
                    path.RemoveAll(p => p.Level >= level);
                    path.Add((level, Normalize(WebUtility.HtmlDecode(child.InnerText))));
                    continue;
                }
                Walk(child);
                if (Blocks.Contains(name)) body.Append("\n\n");
            }
        }

        void Flush()
        {
            var text = string.Join("\n\n", body.ToString().Split("\n\n").Select(Normalize).Where(p => p.Length > 0));
            body.Clear();
            if (text.Length > 0) sections.Add(new Section([.. path.Select(p => p.Title)], text));
        }
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
