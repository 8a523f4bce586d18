using Google.Protobuf.Collections;
using SupportAgent.Tests.Fakes.Qdrant.Wire;

namespace SupportAgent.Tests.Fakes.Qdrant;

/// <summary>
/// Qdrant's filter language as far as the product uses it and a bit beyond: must / should / must_not / min_should,
/// nested filters, keyword, integer and boolean matches (one value, any of, none of), has_id, is_empty, is_null and
/// has_vector. A condition the fake does not implement is refused (UNIMPLEMENTED), never read as "match all".
/// </summary>
public sealed partial class FakeQdrantCollection
{
    private delegate bool Predicate(StoredPoint point);

    /// <summary>Compiled once per request, so a malformed filter is refused before anything is touched.</summary>
    private static Predicate? Compile(Filter? filter)
    {
        if (filter is null) return null;
        var must = filter.Must.Select(Compile).ToList();
        var should = filter.Should.Select(Compile).ToList();
        var mustNot = filter.MustNot.Select(Compile).ToList();
        var minShould = filter.MinShould is { } m ? (m.Conditions.Select(Compile).ToList(), (int)m.MinCount) : default;
        return p => must.All(c => c(p))
            && !mustNot.Any(c => c(p))
            && (should.Count == 0 || should.Any(c => c(p)))
            && (minShould.Item1 is null || minShould.Item1.Count(c => c(p)) >= minShould.Item2);
    }

    private static Predicate Compile(Condition condition) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Field => Field(condition.Field),
        Condition.ConditionOneOfOneofCase.HasId => HasId(condition.HasId.HasId),
        Condition.ConditionOneOfOneofCase.Filter => Compile(condition.Filter)!,
        Condition.ConditionOneOfOneofCase.IsEmpty => p => !Values(p.Payload, condition.IsEmpty.Key).Any(v => v.KindCase != Value.KindOneofCase.NullValue),
        Condition.ConditionOneOfOneofCase.IsNull => p => Lookup(p.Payload, condition.IsNull.Key) is { KindCase: Value.KindOneofCase.NullValue },
        Condition.ConditionOneOfOneofCase.HasVector => p => p.Dense.ContainsKey(condition.HasVector.HasVector) || p.Sparse.ContainsKey(condition.HasVector.HasVector),
        var other => throw FakeQdrantErrors.NotInFake($"{other} conditions"),
    };

    private static Predicate HasId(RepeatedField<PointId> ids)
    {
        var keys = ids.Select(IdKey).ToHashSet();
        return p => keys.Contains(p.Key);
    }

    private static Predicate Field(FieldCondition field)
    {
        var key = field.Key;
        if (field.Match is not { } match)
            throw FakeQdrantErrors.NotInFake($"field conditions other than match (on `{key}`)");
        return match.MatchValueCase switch
        {
            Match.MatchValueOneofCase.Keyword => p => Values(p.Payload, key).Any(v => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue == match.Keyword),
            Match.MatchValueOneofCase.Keywords => p => Values(p.Payload, key).Any(v => v.KindCase == Value.KindOneofCase.StringValue && match.Keywords.Strings.Contains(v.StringValue)),
            // Qdrant: "except" matches points whose value is none of the list, including points without the key.
            Match.MatchValueOneofCase.ExceptKeywords => p => !Values(p.Payload, key).Any(v => v.KindCase == Value.KindOneofCase.StringValue && match.ExceptKeywords.Strings.Contains(v.StringValue)),
            Match.MatchValueOneofCase.Integer => p => Values(p.Payload, key).Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && v.IntegerValue == match.Integer),
            Match.MatchValueOneofCase.Integers => p => Values(p.Payload, key).Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && match.Integers.Integers.Contains(v.IntegerValue)),
            Match.MatchValueOneofCase.ExceptIntegers => p => !Values(p.Payload, key).Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && match.ExceptIntegers.Integers.Contains(v.IntegerValue)),
            Match.MatchValueOneofCase.Boolean => p => Values(p.Payload, key).Any(v => v.KindCase == Value.KindOneofCase.BoolValue && v.BoolValue == match.Boolean),
            var other => throw FakeQdrantErrors.NotInFake($"match {other} (on `{key}`)"),
        };
    }

    /// <summary>The payload values under a (dotted) key; a list matches when any of its elements does.</summary>
    private static IEnumerable<Value> Values(MapField<string, Value> payload, string key) => Lookup(payload, key) switch
    {
        null => [],
        { KindCase: Value.KindOneofCase.ListValue } list => list.ListValue.Values,
        var single => [single],
    };

    private static Value? Lookup(MapField<string, Value> payload, string key)
    {
        var parts = key.Split('.');
        if (!payload.TryGetValue(parts[0], out var node)) return null;
        foreach (var part in parts.Skip(1))
            if (node.KindCase != Value.KindOneofCase.StructValue || !node.StructValue.Fields.TryGetValue(part, out node)) return null;
        return node;
    }

    private IEnumerable<StoredPoint> Matching(Predicate? filter) => filter is null ? points.Values : points.Values.Where(p => filter(p));
}
