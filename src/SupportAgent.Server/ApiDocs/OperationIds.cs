using System.Globalization;

namespace SupportAgent.Server.ApiDocs;

/// <summary>
/// Stable operationIds from the route: <c>GET /api/tenants/{t}/escalations/{id}/transcript</c> becomes
/// <c>getEscalationTranscript</c>, the name a generated client shows. Endpoints that name themselves keep their name.
/// </summary>
public static class OperationIds
{
    private static readonly Dictionary<string, string> Verbs = new()
    {
        ["GET"] = "get", ["POST"] = "post", ["PUT"] = "put", ["PATCH"] = "update", ["DELETE"] = "delete",
    };

    public static string For(string method, string route)
    {
        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var words = new List<string>();
        var endsWithParameter = false;
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            endsWithParameter = s.StartsWith('{');
            if (endsWithParameter || s == "api" || (s == "tenants" && i + 1 < segments.Length && segments[i + 1] == "{t}")) continue;
            words.Add(Pascal(Singular(s, nextIsParameter: i + 1 < segments.Length && segments[i + 1].StartsWith('{'))));
        }
        if (words.Count == 0 && route.StartsWith("/api/tenants/{t}", StringComparison.Ordinal)) words.Add("Tenant");
        var verb = Verbs.GetValueOrDefault(method, method.ToLowerInvariant());
        if (method == "GET" && !endsWithParameter && segments.Length > 0 && IsCollection(segments[^1])) verb = "list";
        if (method == "POST" && segments.Length > 0 && IsCollection(segments[^1])) verb = "create";
        return verb + string.Concat(words);
    }

    private static bool IsCollection(string segment) => segment.EndsWith('s') && segment is not ("analytics" or "readiness");

    private static string Singular(string segment, bool nextIsParameter) =>
        nextIsParameter && segment.EndsWith('s') ? segment[..^1] : segment;

    private static string Pascal(string segment) => string.Concat(segment.Split('-', '_').Where(p => p.Length > 0)
        .Select(p => char.ToUpper(p[0], CultureInfo.InvariantCulture) + p[1..]));
}
