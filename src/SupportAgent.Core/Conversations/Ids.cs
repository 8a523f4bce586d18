namespace SupportAgent.Core.Conversations;

internal static class Ids
{
    /// <summary>Version 7 GUIDs sort by creation time, which keeps indexes on ids append-only.</summary>
    public static string New(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";
}
