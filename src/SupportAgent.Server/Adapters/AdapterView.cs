using SupportAgent.Core.Adapters;

namespace SupportAgent.Server.Adapters;

/// <summary>The adapter as admins see it. The API key is never returned, only whether one is set.</summary>
public sealed record AdapterView(string Name, string BaseModel, string Endpoint, bool HasApiKey, AdapterStatus Status, string? StatusReason,
    DateTimeOffset RegisteredAt, DateTimeOffset StatusChangedAt, AdapterComparison? LastComparison)
{
    public static AdapterView From(Adapter a) =>
        new(a.Name, a.BaseModel, a.Endpoint, a.ProtectedApiKey is not null, a.Status, a.StatusReason, a.RegisteredAt, a.StatusChangedAt, a.LastComparison);
}
