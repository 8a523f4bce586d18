using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// Turns DSTC11 track 5's knowledge.json (hotels and restaurants with FAQs and reviews) into .jsonl documents:
/// one per FAQ (<c>{domain}-{entity_id}-faq-{doc_id}</c>, titled entity name + question) and one per review
/// (<c>{domain}-{entity_id}-review-{doc_id}</c>), so a gold knowledge item maps to exactly one document id.
/// Public so the tests can check the mapping.
/// </summary>
public static class Dstc11Knowledge
{
    public static string ToJsonl(string knowledgeJson)
    {
        var root = JsonNode.Parse(knowledgeJson)!.AsObject();
        var lines = new StringBuilder();
        foreach (var (domain, entities) in root)
        {
            foreach (var (entityId, entity) in entities!.AsObject())
            {
                var name = entity!["name"]?.GetValue<string>() ?? $"{domain} {entityId}";
                foreach (var (docId, faq) in entity["faqs"]?.AsObject() ?? [])
                    Append($"{domain}-{entityId}-faq-{docId}", $"{name}: {faq!["question"]}", faq["answer"]!.GetValue<string>());
                foreach (var (docId, review) in entity["reviews"]?.AsObject() ?? [])
                {
                    var sentences = review!["sentences"]!.AsObject().OrderBy(s => int.Parse(s.Key)).Select(s => s.Value!.GetValue<string>());
                    var traveler = review["traveler_type"]?.GetValue<string>();
                    Append($"{domain}-{entityId}-review-{docId}", $"{name}: review{(traveler is null ? "" : $" by {traveler}")}", string.Join(" ", sentences));
                }
            }
        }
        return lines.ToString();

        void Append(string id, string title, string text) =>
            lines.Append(JsonSerializer.Serialize(new { id, title, text })).Append('\n');
    }

    /// <summary>The data set beside the repository (<c>shared/datasets/dstc11/knowledge.json</c>), searched upwards.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets", "dstc11", "knowledge.json");
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
