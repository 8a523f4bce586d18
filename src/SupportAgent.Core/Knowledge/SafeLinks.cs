namespace SupportAgent.Core.Knowledge;

/// <summary>
/// Links a customer may be shown come from tenants' uploads, so only absolute http(s) URLs pass: a
/// <c>javascript:</c> or <c>data:</c> link in a citation would run in the widget of whoever clicks it.
/// </summary>
public static class SafeLinks
{
    public static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && url.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The URL when it is a web link, otherwise null (the citation is shown without a link).</summary>
    public static string? WebLinkOrNull(string? url) => IsWebLink(url) ? url!.Trim() : null;
}
