using SupportAgent.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportAgent.Tests.Fakes;

/// <summary>
/// Qdrant 1.19 in process: a real Kestrel server on 127.0.0.1 with a free port that speaks the REST wire format of
/// the published OpenAPI spec (envelopes, error envelopes, status codes) for the calls the product makes. It really
/// stores points, applies filters, scores cosine and idf-weighted sparse dot products and fuses with RRF, so the
/// client's requests and parsing are exercised for real. Faults: <see cref="FailNext"/>, <see cref="Delay"/>, and
/// <see cref="StopAsync"/> for a server that is down.
/// </summary>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(HttpStatusCode Status, TimeSpan? RetryAfter)> failures = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly string? apiKey;

    public ConcurrentDictionary<string, FakeQdrantCollection> Collections { get; } = new();
    public Uri Url { get; private set; } = null!;
    /// <summary>Added before every answer: a slow server.</summary>
    public TimeSpan Delay { get; set; }
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public sealed record RecordedRequest(string Method, string Path, string Query, JsonNode? Body, string? ApiKey);

    private FakeQdrantServer(string? apiKey)
    {
        this.apiKey = apiKey;
        app = LoopbackServer.Create();
        app.Use(FaultsAndRecordingAsync);
        FakeQdrantRoutes.Map(app, this);
    }

    public static async Task<FakeQdrantServer> StartAsync(string? apiKey = null)
    {
        var server = new FakeQdrantServer(apiKey);
        server.Url = new Uri(await LoopbackServer.StartAsync(server.app) + "/");
        return server;
    }

    /// <summary>The next <paramref name="count"/> requests get <paramref name="status"/> with Qdrant's error envelope.</summary>
    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < count; i++) failures.Enqueue((status, retryAfter));
    }

    /// <summary>Stops listening: connections are refused from now on, like a Qdrant that is down.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task FaultsAndRecordingAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        context.Items["started"] = started;
        JsonNode? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
            try { body = JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException e)
            {
                await FakeQdrantRoutes.Error(context, 400, $"Format error in JSON body: {e.Message}");
                return;
            }
        }
        context.Items["body"] = body;
        var key = context.Request.Headers["api-key"].FirstOrDefault();
        requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "", body, key));

        if (Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(Delay, context.RequestAborted); } catch (OperationCanceledException) { return; }
        }
        if (apiKey is not null && key != apiKey)
        {
            await FakeQdrantRoutes.Error(context, 401, "Must provide an API key or an Authorization bearer token");
            return;
        }
        if (failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is { } after) context.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString();
            await FakeQdrantRoutes.Error(context, (int)failure.Status,
                failure.Status == HttpStatusCode.TooManyRequests ? "Too many requests: rate limit exceeded" : "Service unavailable: no active replica");
            return;
        }
        await next(context);
    }
}
