using System.Text.Json.Nodes;

namespace SupportAgent.Tests.Fakes;

/// <summary>Qdrant's filter language as far as the product uses it: must / should / must_not over match, has_id and nested filters.</summary>
public sealed partial class FakeQdrantCollection
{
    private static readonly string[] FilterKeys = ["must", "should", "must_not", "min_should"];

    private delegate bool Condition(StoredPoint point);

    /// <summary>Parsed once per request, so a malformed filter is refused before anything is touched.</summary>
    private static Condition ParseFilter(JsonObject filter)
    {
        // The spec declares additionalProperties: false on Filter: a misplaced key is an error, not "match all".
        if (filter.Select(p => p.Key).FirstOrDefault(k => !FilterKeys.Contains(k)) is { } unknown)
            throw new FakeQdrantError(400, $"Format error in JSON body: unknown field `{unknown}`, expected one of `should`, `min_should`, `must`, `must_not`");
        var must = Conditions(filter["must"]);
        var should = Conditions(filter["should"]);
        var mustNot = Conditions(filter["must_not"]);
        return p => must.All(c => c(p)) && !mustNot.Any(c => c(p)) && (should.Count == 0 || should.Any(c => c(p)));
    }

    private static List<Condition> Conditions(JsonNode? node) => node switch
    {
        null => [],
        JsonArray list => [.. list.Select(c => ParseCondition(c as JsonObject ?? throw new FakeQdrantError(400, "Format error in JSON body: a condition must be an object")))],
        JsonObject single => [ParseCondition(single)],
        _ => throw new FakeQdrantError(400, "Format error in JSON body: conditions must be an object or a list"),
    };

    private static Condition ParseCondition(JsonObject c)
    {
        if (c["has_id"] is JsonArray ids)
        {
            var keys = ids.Select(IdKey).ToHashSet();
            return p => keys.Contains(p.Key);
        }
        if (c.ContainsKey("must") || c.ContainsKey("should") || c.ContainsKey("must_not")) return ParseFilter(c);
        var key = c["key"]?.GetValue<string>() ?? throw new FakeQdrantError(400, $"Format error in JSON body: unsupported condition {c.ToJsonString()}");
        if (c["match"] is JsonObject match)
        {
            if (match["value"] is JsonValue value) return p => Values(p.Payload, key).Any(v => Same(v, value));
            if (match["any"] is JsonArray any) return p => Values(p.Payload, key).Any(v => any.Any(a => Same(v, a)));
            if (match["except"] is JsonArray except) return p => Values(p.Payload, key).All(v => !except.Any(a => Same(v, a)));
        }
        if (c["is_empty"] is JsonValue empty && empty.GetValue<bool>()) return p => !Values(p.Payload, key).Any();
        throw new FakeQdrantError(400, $"Format error in JSON body: the fake does not implement condition {c.ToJsonString()}");
    }

    /// <summary>The payload values under a (dotted) key; arrays match when any element does.</summary>
    private static IEnumerable<JsonNode> Values(JsonObject payload, string key)
    {
        JsonNode? node = payload;
        foreach (var part in key.Split('.')) node = (node as JsonObject)?[part];
        return node switch { null => [], JsonArray a => a.OfType<JsonNode>(), _ => [node] };
    }

    private static bool Same(JsonNode a, JsonNode? b) => b is not null && a.ToJsonString() == b.ToJsonString();

    private IEnumerable<StoredPoint> Matching(Condition? filter) => filter is null ? points.Values : points.Values.Where(p => filter(p));
}
