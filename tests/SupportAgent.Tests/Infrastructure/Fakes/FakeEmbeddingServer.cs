using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportAgent.Core.Retrieval.Embeddings;

namespace SupportAgent.Tests.Infrastructure.Fakes;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/embeddings</c> endpoint on a real Kestrel socket (127.0.0.1, free port). It speaks
/// the documented wire format, including <c>encoding_format: "base64"</c> (float32 little-endian), and records requests.
/// Its vectors come from the hashing embedding at the requested size, so retrieval over them behaves sensibly.
/// </summary>
public sealed class FakeEmbeddingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    public ConcurrentQueue<(string? Authorization, JsonObject Body)> Requests { get; } = new();
    public string Endpoint { get; private set; } = "";

    private FakeEmbeddingServer()
    {
        app = LoopbackServer.Create();
        app.MapPost("/v1/embeddings", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            Requests.Enqueue((request.Headers.Authorization.ToString(), body));
            var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
            var dimensions = body["dimensions"]?.GetValue<int>() ?? 64;
            var embedder = new HashingEmbeddingGenerator(dimensions);
            var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
            var data = inputs.Select((text, i) =>
            {
                var vector = embedder.Embed(text);
                JsonNode embedding = base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : new JsonArray([.. vector.Select(v => JsonValue.Create(v))]);
                return new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding };
            });
            return Results.Json(new JsonObject
            {
                ["object"] = "list", ["data"] = new JsonArray([.. data]), ["model"] = body["model"]!.GetValue<string>(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Sum(i => i.Length / 4), ["total_tokens"] = inputs.Sum(i => i.Length / 4) },
            });
        });
    }

    public static async Task<FakeEmbeddingServer> StartAsync()
    {
        var server = new FakeEmbeddingServer();
        server.Endpoint = $"{await LoopbackServer.StartAsync(server.app)}/v1";
        return server;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
