using System.Reflection;
using System.Text.Json.Serialization;

namespace SupportAgent.Core.Answering;

/// <summary>
/// Why a turn was handed to a person, declared most specific first: when several apply, the first is the reported one.
/// The lower-case names are the public contract (JSON, stored columns, the OpenAPI enum, metrics tags), so each member
/// names its spelling instead of relying on a naming policy.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<EscalationReason>))]
public enum EscalationReason
{
    [JsonStringEnumMemberName("sensitive")] Sensitive,
    [JsonStringEnumMemberName("wants_human")] WantsHuman,
    [JsonStringEnumMemberName("urgent")] Urgent,
    [JsonStringEnumMemberName("action_request")] ActionRequest,
    [JsonStringEnumMemberName("out_of_scope")] OutOfScope,
    [JsonStringEnumMemberName("retrieval_unavailable")] RetrievalUnavailable,
    [JsonStringEnumMemberName("low_confidence")] LowConfidence,
    [JsonStringEnumMemberName("generation_failed")] GenerationFailed,
    [JsonStringEnumMemberName("ungrounded")] Ungrounded,
}

public static class EscalationReasons
{
    /// <summary>Every reason, most specific first (the enum's declaration order).</summary>
    public static readonly IReadOnlyList<EscalationReason> BySpecificity = Enum.GetValues<EscalationReason>();

    private static readonly Dictionary<EscalationReason, string> Names = BySpecificity.ToDictionary(r => r,
        r => typeof(EscalationReason).GetField(r.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);

    private static readonly Dictionary<string, EscalationReason> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static EscalationReason? MostSpecific(IEnumerable<EscalationReason> reasons) =>
        reasons.Any() ? reasons.Min() : null;

    /// <summary>The public spelling ("wants_human").</summary>
    public static string Name(this EscalationReason reason) => Names[reason];

    public static EscalationReason Parse(string name) =>
        ByName.TryGetValue(name, out var reason) ? reason : throw new FormatException($"'{name}' is not an escalation reason.");
}
