using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SupportAgent.Tests.Fakes;

/// <summary>The REST endpoints of the fake, with Qdrant's envelopes: <c>{result,status:"ok",time}</c> and <c>{status:{error},time}</c>.</summary>
internal static class FakeQdrantRoutes
{
    public static void Map(WebApplication app, FakeQdrantServer server)
    {
        app.MapGet("/collections/{c}/exists", (HttpContext h, string c) =>
            Ok(h, new JsonObject { ["exists"] = server.Collections.ContainsKey(c) }));

        app.MapPut("/collections/{c}", (HttpContext h, string c) => Handle(h, () =>
        {
            var created = FakeQdrantCollection.Create(c, Body(h));
            if (!server.Collections.TryAdd(c, created)) throw new FakeQdrantError(409, $"Wrong input: Collection `{c}` already exists!");
            return JsonValue.Create(true);
        }));

        app.MapPut("/collections/{c}/index", (HttpContext h, string c) => Handle(h, () => Find(server, c).CreatePayloadIndex(Body(h))));
        app.MapPut("/collections/{c}/points", (HttpContext h, string c) => Handle(h, () => Find(server, c).Upsert(Body(h), Wait(h))));
        app.MapPost("/collections/{c}/points/delete", (HttpContext h, string c) => Handle(h, () => Find(server, c).Delete(Body(h), Wait(h))));
        app.MapPost("/collections/{c}/points/count", (HttpContext h, string c) => Handle(h, () => Find(server, c).Count(Body(h))));
        app.MapPost("/collections/{c}/points/query", (HttpContext h, string c) => Handle(h, () => Find(server, c).Query(Body(h))));
        app.MapPost("/collections/{c}/points/scroll", (HttpContext h, string c) => Handle(h, () => Find(server, c).Scroll(Body(h))));
        app.MapFallback((HttpContext h) => Error(h, 404, $"Not found: {h.Request.Method} {h.Request.Path} is not a Qdrant 1.19 REST endpoint"));
    }

    private static FakeQdrantCollection Find(FakeQdrantServer server, string name) =>
        server.Collections.TryGetValue(name, out var c) ? c : throw new FakeQdrantError(404, $"Not found: Collection `{name}` doesn't exist!");

    private static JsonObject Body(HttpContext h) =>
        h.Items["body"] as JsonObject ?? throw new FakeQdrantError(400, "Format error in JSON body: expected an object");

    private static bool Wait(HttpContext h) => h.Request.Query["wait"] == "true";

    private static Task Handle(HttpContext h, Func<JsonNode?> action)
    {
        JsonNode? result;
        try { result = action(); }
        catch (FakeQdrantError e) { return Error(h, e.Status, e.Message); }
        return Ok(h, result);
    }

    private static Task Ok(HttpContext h, JsonNode? result)
    {
        var envelope = new JsonObject { ["status"] = "ok", ["time"] = Elapsed(h) };
        if (result is not null) envelope["result"] = result;
        return Write(h, 200, envelope);
    }

    public static Task Error(HttpContext h, int status, string message) =>
        Write(h, status, new JsonObject { ["status"] = new JsonObject { ["error"] = message }, ["time"] = Elapsed(h) });

    private static async Task Write(HttpContext h, int status, JsonObject body)
    {
        h.Response.StatusCode = status;
        h.Response.ContentType = "application/json";
        await h.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    private static double Elapsed(HttpContext h) =>
        h.Items["started"] is long started ? Stopwatch.GetElapsedTime(started).TotalSeconds : 0;
}

/// <summary>A request Qdrant would refuse: becomes the error envelope with this status.</summary>
internal sealed class FakeQdrantError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
