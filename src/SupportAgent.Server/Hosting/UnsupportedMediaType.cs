using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace SupportAgent.Server.Hosting;

/// <summary>
/// Routing drops an endpoint whose declared body type does not match the request's Content-Type, and the catch-all
/// 404 endpoint then wins: <c>text/plain</c> sent to a JSON endpoint read as "nothing is served here". The catch-all
/// asks this first, so the caller learns it is the media type (415) and which types the endpoint takes.
/// </summary>
internal static class UnsupportedMediaType
{
    public static string? Detail(HttpContext context)
    {
        var request = context.Request;
        var sources = context.RequestServices.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { ContentTypes.Count: > 0 } accepts) continue;
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods
                && !methods.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)) continue;
            var matcher = new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary());
            if (!matcher.TryMatch(request.Path, new RouteValueDictionary())) continue;
            var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            return $"'{request.Method} {request.Path}' takes {string.Join(" or ", accepts.ContentTypes)}; the request has {sent}.";
        }
        return null;
    }
}
