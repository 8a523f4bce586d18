using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// Keeps the page's h1–h6 structure and readable text; drops scripts, styles, navigation and chrome. The walk is
/// iterative and the nesting capped (HtmlAgilityPack refuses deeper pages while it parses), so 50,000 nested
/// <c>div</c>s are a per-file error rather than a stack overflow.
/// </summary>
public sealed class HtmlParser : IDocumentParser
{
    private static readonly HashSet<string> Dropped = ["script", "style", "nav", "header", "footer", "noscript", "template", "svg", "form", "aside"];
    private static readonly HashSet<string> Blocks = ["p", "div", "li", "tr", "br", "section", "article", "blockquote", "pre", "dd", "dt", "table", "ul", "ol"];

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm"];

    public ParsedDocument Parse(byte[] content, string fileName, ParseBudget? budget = null)
    {
        budget ??= ParseBudget.Default(fileName);
        var html = Load(TextDecoding.Decode(content, fileName), budget);
        var title = WebUtility.HtmlDecode(html.DocumentNode.SelectSingleNode("//title")?.InnerText ?? "").Trim();
        var root = html.DocumentNode.SelectSingleNode("//main") ?? html.DocumentNode.SelectSingleNode("//body") ?? html.DocumentNode;

        var sections = new List<Section>();
        var path = new List<(int Level, string Title)>();
        var body = new StringBuilder();
        long total = 0;
        Walk(root);
        Flush();
        if (sections.Count == 0) throw new DocumentRejectedException($"'{fileName}' has no readable text.");
        if (title.Length == 0) title = path.FirstOrDefault().Title ?? TextDecoding.TitleFromFileName(fileName);
        return new ParsedDocument(title, sections);

        void Walk(HtmlNode start)
        {
            // Depth-first in document order; a null node marks the end of a block element (a paragraph break follows).
            var stack = new Stack<(HtmlNode? Node, int Depth)>();
            PushChildren(start, 1);
            while (stack.Count > 0)
            {
                budget.Check();
                var (child, depth) = stack.Pop();
                if (child is null) { body.Append("\n\n"); continue; }
                budget.CheckDepth(depth);
                var name = child.Name.ToLowerInvariant();
                if (child.NodeType == HtmlNodeType.Comment || Dropped.Contains(name)) continue;
                if (child.NodeType == HtmlNodeType.Text)
                {
                    var text = WebUtility.HtmlDecode(child.InnerText);
                    budget.CheckText(total += text.Length);
                    body.Append(text);
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
                if (Blocks.Contains(name)) stack.Push((null, depth));
                PushChildren(child, depth + 1);
            }

            void PushChildren(HtmlNode node, int depth)
            {
                for (var i = node.ChildNodes.Count - 1; i >= 0; i--) stack.Push((node.ChildNodes[i], depth));
            }
        }

        void Flush()
        {
            var text = string.Join("\n\n", body.ToString().Split("\n\n").Select(Normalize).Where(p => p.Length > 0));
            body.Clear();
            if (text.Length > 0) sections.Add(new Section([.. path.Select(p => p.Title)], text));
        }
    }

    private static HtmlDocument Load(string text, ParseBudget budget)
    {
        // HtmlAgilityPack builds the tree iteratively but reads it recursively (InnerText, XPath), so deep nesting is
        // refused while the tree is built, before anything walks it.
        var html = new HtmlDocument { OptionMaxNestedChildNodes = budget.Limits.MaxNestingDepth };
        try { html.LoadHtml(text); }
        catch (Exception e) when (e.GetType() == typeof(Exception) && e.Message.Contains("nested tags", StringComparison.Ordinal))
        {
            throw new DocumentRejectedException($"'{budget.FileName}' nests elements more than {budget.Limits.MaxNestingDepth} levels deep; no real document does, so it is refused.", e);
        }
        return html;
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
