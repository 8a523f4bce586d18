namespace SupportAgent.Server.ApiDocs;

/// <summary>Summaries for the operations whose endpoints do not state one, and a readable fallback for any new one.</summary>
public static class Summaries
{
    private static readonly Dictionary<string, string> Known = new()
    {
        ["GET /health"] = "Liveness: the host is serving.",
        ["GET /ready"] = "Readiness: 200 when the database, index and LLM answer, else 503 naming what is not ready.",
        ["GET /console/session"] = "The signed-in console user's tenant and role.",
        ["DELETE /console/session"] = "Sign out of the console; the session is revoked.",
        ["GET /api/tenants/{t}/escalations/{id}"] = "One escalation with its triage signals and SLA clock.",
        ["GET /api/tenants/{t}/approved-answers"] = "The tenant's approved answers with their hit counts.",
        ["POST /api/tenants/{t}/approved-answers"] = "Add an approved question and answer.",
        ["PUT /api/tenants/{t}/approved-answers/{id}"] = "Change an approved question and answer.",
        ["DELETE /api/tenants/{t}/approved-answers/{id}"] = "Delete an approved answer.",
    };

    public static string For(string method, string route) =>
        Known.TryGetValue($"{method} {route}", out var summary) ? summary : $"{method} {route}";
}
