namespace SupportAgent.Core.Triage;

public interface ITriage
{
    /// <param name="history">Earlier turns of the conversation, oldest first.</param>
    Task<TriageResult> TriageAsync(string tenantId, string text, IReadOnlyList<string> history, CancellationToken ct);
}
