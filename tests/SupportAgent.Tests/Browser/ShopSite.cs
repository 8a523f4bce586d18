using SupportAgent.Tests.Infrastructure;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportAgent.Tests.Browser;

/// <summary>
/// A tenant's storefront on its own origin (another loopback port), embedding the widget with one script tag, so the
/// browser really goes cross-origin to the support server. A page served from a real socket, not a fulfilled route,
/// because Chromium treats a fulfilled page as public and refuses it the loopback server.
/// </summary>
public sealed class ShopSite : IAsyncDisposable
{
    private readonly WebApplication app;
    public string Origin { get; }

    private ShopSite(WebApplication app, string origin) => (this.app, Origin) = (app, origin);

    public static async Task<ShopSite> StartAsync(Uri supportServer)
    {
        var app = LoopbackServer.Create();
        app.MapGet("/shop", (string tenant, string key) => Results.Content($"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Outdoor Shop</title></head><body style="font-family:system-ui;margin:40px"><h1>Outdoor Shop</h1><p>Jackets, boots and tents.</p>
            <script src="{supportServer}widget.js" data-tenant="{WebUtility.HtmlEncode(tenant)}" data-key="{WebUtility.HtmlEncode(key)}" data-title="Outdoor Shop help" defer></script>
            </body></html>
            """, "text/html"));
        return new ShopSite(app, await LoopbackServer.StartAsync(app));
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
