using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAgent.Tools.Datasets;

/// <summary>
/// DSTC11 track 5 → one knowledge document per FAQ (<c>{domain}-{entity}-faq-{doc}</c>, titled with the entity name and
/// the question) and per review (<c>{domain}-{entity}-review-{doc}</c>), and one evaluation case per answerable
/// (<c>target: true</c>) dialogue context: the last user turn is the question, earlier turns the history, and the
/// gold knowledge snippets' documents the expected sources.
/// </summary>
internal static class Dstc11Converter
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static async Task<(int Documents, int Cases)> ConvertAsync(string source, string output, bool markdown, CancellationToken ct)
    {
        Directory.CreateDirectory(output);
        var documents = Documents(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(source, "knowledge.json"), ct))!.AsObject()).ToList();
        await File.WriteAllLinesAsync(Path.Combine(output, "knowledge.jsonl"), documents.Select(d => JsonSerializer.Serialize(d, Json)), ct);
        if (markdown)
        {
            var folder = Directory.CreateDirectory(Path.Combine(output, "knowledge")).FullName;
            foreach (var d in documents)
                await File.WriteAllTextAsync(Path.Combine(folder, d.Id + ".md"), $"# {d.Title}\n\n{d.Text}\n", ct);
        }

        var logs = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(source, "dev.logs.json"), ct))!.AsArray();
        var labels = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(source, "dev.labels.json"), ct))!.AsArray();
        var cases = Cases(logs, labels).ToList();
        await File.WriteAllLinesAsync(Path.Combine(output, "cases.jsonl"), cases.Select(c => JsonSerializer.Serialize(c, Json)), ct);
        // The same cases without their history: the "last turn only" baseline for measuring condensation.
        await File.WriteAllLinesAsync(Path.Combine(output, "cases-last-turn.jsonl"), cases.Select(c => JsonSerializer.Serialize(c with { History = null }, Json)), ct);
        return (documents.Count, cases.Count);
    }

    internal static IEnumerable<KnowledgeLine> Documents(JsonObject knowledge)
    {
        foreach (var (domain, entities) in knowledge)
            foreach (var (entityId, entity) in entities!.AsObject())
            {
                var name = entity!["name"]!.GetValue<string>();
                foreach (var (docId, faq) in entity["faqs"]?.AsObject() ?? [])
                    yield return new KnowledgeLine($"{domain}-{entityId}-faq-{docId}", $"{name}: {faq!["question"]!.GetValue<string>()}", faq["answer"]!.GetValue<string>());
                foreach (var (docId, review) in entity["reviews"]?.AsObject() ?? [])
                {
                    var sentences = review!["sentences"]!.AsObject().OrderBy(s => int.Parse(s.Key)).Select(s => s.Value!.GetValue<string>());
                    yield return new KnowledgeLine($"{domain}-{entityId}-review-{docId}", $"{name}: guest review", string.Join(" ", sentences));
                }
            }
    }

    internal static IEnumerable<CaseLine> Cases(JsonArray logs, JsonArray labels)
    {
        for (var i = 0; i < logs.Count; i++)
        {
            if (labels[i]!["target"]?.GetValue<bool>() != true) continue;
            var turns = logs[i]!.AsArray().Select(t => (Speaker: t!["speaker"]!.GetValue<string>(), Text: t["text"]!.GetValue<string>())).ToList();
            var expected = labels[i]!["knowledge"]!.AsArray()
                .Select(k => $"{k!["domain"]}-{k["entity_id"]}-{k["doc_type"]}-{k["doc_id"]}").Distinct().ToList();
            yield return new CaseLine($"dstc11-dev-{i}", turns[^1].Text,
                [.. turns[..^1].Select(t => new HistoryLine(t.Speaker == "U" ? "user" : "assistant", t.Text))], expected);
        }
    }

    internal sealed record KnowledgeLine(string Id, string Title, string Text);
    internal sealed record HistoryLine(string Role, string Text);
    internal sealed record CaseLine(string Id, string Question, IReadOnlyList<HistoryLine>? History, IReadOnlyList<string> ExpectedSources);
}
