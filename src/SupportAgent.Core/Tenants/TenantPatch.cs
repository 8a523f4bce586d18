using System.Text.Json.Serialization;
using SupportAgent.Core.Outcomes;

namespace SupportAgent.Core.Tenants;

/// <summary>A change to a tenant: only the members given change; <c>allowedOrigins</c> replaces the whole list.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TenantPatch(string? Name, string[]? AllowedOrigins, TenantSettingsPatch? Settings);

/// <summary>
/// The tenant settings an admin may change (see <see cref="TenantSettings"/> for what each means); a misspelt member is a
/// 400, not silently ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TenantSettingsPatch(
    double? AnswerThreshold, int? TopK, string? Persona, bool? EscalateUrgent, bool? EscalateOutOfScope,
    int? ChunkTokens, int? ChunkOverlapTokens, double? ApprovedAnswerThreshold, int? FirstResponseTargetMinutes,
    double? StaffMinutesPerDeflection, double? ConversationSessionHours, string? WidgetGreeting)
{
    /// <summary>The settings after this change, or the refusal naming the first value out of range.</summary>
    public Outcome<TenantSettings> ApplyTo(TenantSettings current)
    {
        var s = new TenantSettings
        {
            AnswerThreshold = AnswerThreshold ?? current.AnswerThreshold,
            TopK = TopK ?? current.TopK,
            Persona = Persona?.Trim() ?? current.Persona,
            EscalateUrgent = EscalateUrgent ?? current.EscalateUrgent,
            EscalateOutOfScope = EscalateOutOfScope ?? current.EscalateOutOfScope,
            ChunkTokens = ChunkTokens ?? current.ChunkTokens,
            ChunkOverlapTokens = ChunkOverlapTokens ?? current.ChunkOverlapTokens,
            ApprovedAnswerThreshold = ApprovedAnswerThreshold ?? current.ApprovedAnswerThreshold,
            FirstResponseTargetMinutes = FirstResponseTargetMinutes ?? current.FirstResponseTargetMinutes,
            LastEvaluationAt = current.LastEvaluationAt,
            StaffMinutesPerDeflection = StaffMinutesPerDeflection ?? current.StaffMinutesPerDeflection,
            ConversationSessionHours = ConversationSessionHours ?? current.ConversationSessionHours,
            WidgetGreeting = WidgetGreeting?.Trim() ?? current.WidgetGreeting,
        };
        string? problem =
            s.AnswerThreshold is < 0 or > 1 ? "'answerThreshold' must be between 0 and 1."
            : s.ApprovedAnswerThreshold is < 0 or > 1 ? "'approvedAnswerThreshold' must be between 0 and 1."
            : s.TopK is < 1 or > 50 ? "'topK' must be between 1 and 50."
            : s.Persona.Length is 0 or > 2000 ? "'persona' must be 1-2000 characters."
            : s.ChunkTokens is < 50 or > 2000 ? "'chunkTokens' must be between 50 and 2000."
            : s.ChunkOverlapTokens < 0 || s.ChunkOverlapTokens >= s.ChunkTokens / 2 ? "'chunkOverlapTokens' must be at least 0 and under half of 'chunkTokens'."
            : s.FirstResponseTargetMinutes is < 1 or > 10080 ? "'firstResponseTargetMinutes' must be between 1 and 10080 (a week)."
            : s.StaffMinutesPerDeflection is < 0 or > 600 ? "'staffMinutesPerDeflection' must be between 0 and 600."
            : s.ConversationSessionHours is < 0.25 or > 2160 ? "'conversationSessionHours' must be between 0.25 and 2160 (90 days)."
            : s.WidgetGreeting.Length > 1000 ? "'widgetGreeting' must be at most 1000 characters."
            : null;
        return problem is null ? s : Refusal.Invalid(problem);
    }
}
