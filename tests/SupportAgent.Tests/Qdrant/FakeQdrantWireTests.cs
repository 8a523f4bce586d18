using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Tests.Fakes;

namespace SupportAgent.Tests.Qdrant;

/// <summary>Keeps the fake honest: raw HTTP against it must look like Qdrant 1.19's REST API per its OpenAPI spec.</summary>
public sealed class FakeQdrantWireTests : IAsyncLifetime
{
    private FakeQdrantServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await FakeQdrantServer.StartAsync();
        http = new HttpClient { BaseAddress = server.Url };
        var created = await http.PutAsJsonAsync("/collections/kb", new
        {
            vectors = new { dense = new { size = 2, distance = "Cosine" } },
            sparse_vectors = new { sparse = new { modifier = "idf" } },
        });
        created.EnsureSuccessStatusCode();
        var upsert = await http.PutAsJsonAsync("/collections/kb/points?wait=true", new
        {
            points = new object[]
            {
                new { id = 1, vector = new { dense = new[] { 1f, 0f }, sparse = new { indices = new[] { 7u }, values = new[] { 1f } } }, payload = new { tenant_id = "acme" } },
                new { id = 2, vector = new { dense = new[] { 0f, 1f } }, payload = new { tenant_id = "globex" } },
            },
        });
        upsert.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task SuccessIsTheResultEnvelopeWithStatusOkAndTime()
    {
        var body = await Json(await http.GetAsync("/collections/kb/exists"));

        Assert.True(body.GetProperty("result").GetProperty("exists").GetBoolean());
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("time").ValueKind);
    }

    [Fact]
    public async Task AMissingCollectionIs404WithQdrantsErrorEnvelope()
    {
        var response = await http.PostAsJsonAsync("/collections/nope/points/count", new { exact = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found: Collection `nope` doesn't exist!", (await Json(response)).GetProperty("status").GetProperty("error").GetString());
    }

    [Fact]
    public async Task QueriesLeavePayloadOutUnlessAskedAndApplyTheFilter()
    {
        var filter = new { must = new[] { new { key = "tenant_id", match = new { value = "acme" } } } };

        var bare = await Json(await http.PostAsJsonAsync("/collections/kb/points/query", new { query = new[] { 0.6f, 0.8f }, @using = "dense", filter }));
        var withPayload = await Json(await http.PostAsJsonAsync("/collections/kb/points/query", new { query = new[] { 0.6f, 0.8f }, @using = "dense", with_payload = true }));

        var only = Assert.Single(bare.GetProperty("result").GetProperty("points").EnumerateArray());
        Assert.Equal(1, only.GetProperty("id").GetInt32());
        Assert.Equal(0.6, only.GetProperty("score").GetDouble(), 3);
        Assert.False(only.TryGetProperty("payload", out _));
        var both = withPayload.GetProperty("result").GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([2, 1], both.Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal(["globex", "acme"], both.Select(p => p.GetProperty("payload").GetProperty("tenant_id").GetString()));
    }

    [Fact]
    public async Task AMisplacedFilterKeyIsRefusedNotTreatedAsMatchAll()
    {
        var response = await http.PostAsJsonAsync("/collections/kb/points/count", new { filter = new { tenant_id = "acme" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown field `tenant_id`", (await Json(response)).GetProperty("status").GetProperty("error").GetString());
    }

    [Fact]
    public async Task RemovedSearchEndpointIsNotServed()
    {
        var response = await http.PostAsJsonAsync("/collections/kb/points/search", new { vector = new[] { 1f, 0f }, limit = 1 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
