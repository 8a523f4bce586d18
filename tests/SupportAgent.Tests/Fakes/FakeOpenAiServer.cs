using SupportAgent.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Text.Json;
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
/// An OpenAI-compatible chat endpoint on a real Kestrel socket (127.0.0.1, free port), so tests drive the real OpenAI
/// client over HTTP: <c>POST /v1/chat/completions</c> (JSON, or SSE <c>data: {...}</c> chunks ending in
/// <c>data: [DONE]</c> when <c>stream</c> is true) and <c>GET /v1/models</c>. Replies are scripted: queued
/// <see cref="FakeReply"/>s are used in order, then <see cref="Responder"/> (default: <see cref="DefaultReply"/>).
/// Every request is recorded so tests can assert what the prompt contained.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<FakeReply> script = new();
    private readonly ConcurrentQueue<FakeRequest> requests = new();

    private FakeOpenAiServer(WebApplication app) => this.app = app;

    /// <summary>The base URL to configure as the endpoint, ending in <c>/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Models listed by <c>/v1/models</c>.</summary>
    public List<string> Models { get; } = ["fake-model"];

    /// <summary>LoRA adapters listed by <c>/v1/models</c> as vLLM does for <c>--lora-modules</c>: adapter name → <c>parent</c> base model.</summary>
    public Dictionary<string, string> LoraModules { get; } = [];

    /// <summary>The Authorization header of every <c>/v1/models</c> call, oldest first.</summary>
    public IReadOnlyList<string> ModelListAuthorizations => [.. modelListAuthorizations];
    private readonly ConcurrentQueue<string> modelListAuthorizations = new();
    private bool RecordModelList(string authorization) { modelListAuthorizations.Enqueue(authorization); return true; }

    /// <summary>Used when nothing is queued; sees the request so it can answer based on the prompt.</summary>
    public Func<FakeRequest, FakeReply> Responder { get; set; } = _ => FakeReply.Text(DefaultReply);

    public const string DefaultReply = "I can't answer that from the information I have.";

    /// <summary>Every chat request received, oldest first.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. requests];

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var app = LoopbackServer.Create();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.ChatAsync);
        app.MapGet("/v1/models", (HttpRequest http) => server.RecordModelList(http.Headers.Authorization.ToString()) ? Results.Json(new
        {
            @object = "list",
            data = server.Models.Select(m => new { id = m, @object = "model", created = 1_700_000_000, owned_by = "fake", root = m, parent = (string?)null })
                .Concat(server.LoraModules.Select(a => new { id = a.Key, @object = "model", created = 1_700_000_000, owned_by = "fake", root = $"/adapters/{a.Key}", parent = (string?)a.Value })),
        }) : Results.StatusCode(500));
        server.Endpoint = new Uri(await LoopbackServer.StartAsync(app) + "/v1");
        return server;
    }

    /// <summary>Back to a fresh server's state (for a server shared by the tests of a class): nothing queued or recorded, default replies and models.</summary>
    public void Reset()
    {
        script.Clear();
        requests.Clear();
        modelListAuthorizations.Clear();
        Responder = _ => FakeReply.Text(DefaultReply);
        Models.Clear();
        Models.Add("fake-model");
        LoraModules.Clear();
    }

    /// <summary>Queues replies for the next requests, in order.</summary>
    public FakeOpenAiServer Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies) script.Enqueue(reply);
        return this;
    }

    private async Task ChatAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? new JsonObject();
        var request = FakeRequest.From(body, context.Request.Headers.Authorization.ToString());
        requests.Enqueue(request);
        var reply = script.TryDequeue(out var next) ? next : Responder(request);

        if (reply.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(reply.Delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        if (reply.Status != 200)
        {
            context.Response.StatusCode = reply.Status;
            await context.Response.WriteAsJsonAsync(new { error = new { message = $"fake error {reply.Status}", type = "server_error", code = (string?)null } });
            return;
        }
        if (reply.RawBody is not null)
        {
            context.Response.ContentType = request.Stream ? "text/event-stream" : "application/json";
            await context.Response.WriteAsync(reply.RawBody);
            return;
        }
        if (request.Stream) await StreamAsync(context, request, reply);
        else await context.Response.WriteAsJsonAsync(Completion(request, reply.Content!));
    }

    private static async Task StreamAsync(HttpContext context, FakeRequest request, FakeReply reply)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var pieces = FakeReply.Pieces(reply.Content!);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i == pieces.Count - 1 && reply.HoldLastPiece is { } hold) await hold.WaitAsync(context.RequestAborted);
            var delta = i == 0 ? new JsonObject { ["role"] = "assistant", ["content"] = pieces[i] } : new JsonObject { ["content"] = pieces[i] };
            await WriteEventAsync(context, Chunk(request, created, delta, finishReason: null));
        }
        await WriteEventAsync(context, Chunk(request, created, new JsonObject(), finishReason: "stop"));
        await context.Response.WriteAsync("data: [DONE]\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static async Task WriteEventAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static JsonObject Chunk(FakeRequest request, long created, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = request.Model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private static JsonObject Completion(FakeRequest request, string content) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = request.Model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = request.PromptText.Length / 4,
            ["completion_tokens"] = content.Length / 4,
            ["total_tokens"] = request.PromptText.Length / 4 + content.Length / 4,
        },
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
