using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Fakes.Qdrant;
using SupportAgent.Tests.Fakes.Qdrant.Wire;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>The whole server with <c>SupportAgent:Index:Provider = qdrant</c>, against the fake Qdrant over real gRPC (HTTP/2).</summary>
[SlowCollection]
public sealed class ChatWithQdrantTests : IAsyncLifetime
{
    private FakeQdrantServer qdrant = null!;
    private SupportAgentApp app = null!;
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync()
    {
        qdrant = await FakeQdrantServer.StartAsync();
        app = new SupportAgentApp()
            .With("SupportAgent:Index:Provider", "qdrant")
            .With("SupportAgent:Qdrant:Url", qdrant.Url.ToString())
            .With("SupportAgent:Qdrant:TimeoutSeconds", "1.5")
            .With("SupportAgent:Qdrant:MaxRetries", "1")
            .With("SupportAgent:Qdrant:RetryDelayMilliseconds", "20")
            .WithServices(s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new BagOfWordsEmbeddings()));
        keys = await app.CreateTenantWithKnowledgeAsync("acme");
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await qdrant.DisposeAsync();
    }

    private async Task<JsonElement> AskAsync(string question)
    {
        using var chat = new ChatClient(app, "acme", keys.Widget);
        var conversation = await chat.StartAsync();
        var response = await chat.PostAsync(conversation, question);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static void AssertHandedOffBecauseRetrievalIsUnavailable(JsonElement reply)
    {
        Assert.Equal("escalated", reply.GetProperty("decision").GetString());
        Assert.Equal("retrieval_unavailable", reply.GetProperty("reason").GetString());
        Assert.Contains("a person will reply", reply.GetProperty("reply").GetString());
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("escalationId").GetString()));
    }

    [Fact]
    public async Task UploadedKnowledgeIsStoredInQdrantAndAnswersWithACitation()
    {
        var reply = await AskAsync("How long does shipping to Canada take?");

        Assert.Equal("answered", reply.GetProperty("decision").GetString());
        Assert.Contains("5 to 8 business days", reply.GetProperty("reply").GetString());
        Assert.Equal("international-shipping", Assert.Single(reply.GetProperty("citations").EnumerateArray()).GetProperty("documentId").GetString());
        Assert.True(Assert.Single(qdrant.Collections.Values).PointCount >= 3);
        Assert.Contains(qdrant.Calls, c => c.Request is QueryPoints { Prefetch.Count: 2 });
    }

    [Fact]
    public async Task WhenQdrantIsDownTheCustomerIsHandedToAPersonNotShownAnError()
    {
        await qdrant.StopAsync();

        var reply = await AskAsync("How long does shipping to Canada take?");

        AssertHandedOffBecauseRetrievalIsUnavailable(reply);
        using var staff = app.ClientWithKey(keys.Staff);
        var queue = await staff.GetFromJsonAsync<JsonElement>("/api/tenants/acme/escalations?status=open");
        Assert.Equal("retrieval_unavailable", Assert.Single(queue.GetProperty("escalations").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WhenQdrantIsSlowTheCustomerIsHandedToAPersonOnceTheQueryDeadlinesPass()
    {
        var asked = qdrant.Calls.Count;
        (qdrant.Delay, qdrant.DelayOnly) = (TimeSpan.FromMinutes(5), "Query");

        var reply = await AskAsync("How long does shipping to Canada take?");

        AssertHandedOffBecauseRetrievalIsUnavailable(reply);
        // The configured retry: two query attempts, each cut off at its own deadline (Qdrant stops working on both), then the hand-off.
        Assert.Equal(2, qdrant.Calls.Skip(asked).Count(c => c.Method == "Query"));
        Assert.Equal(2, await qdrant.CutOffAsync(2));
    }

    [Fact]
    public async Task WhenQdrantKeepsAnsweringServiceUnavailableTheCustomerIsHandedToAPerson()
    {
        qdrant.FailNext(10, StatusCode.Unavailable);

        var reply = await AskAsync("How long does shipping to Canada take?");

        AssertHandedOffBecauseRetrievalIsUnavailable(reply);
    }

    [Fact]
    public async Task AnUploadWhileQdrantIsDownIsKeptAndMarkedFailedWithTheReasonForALaterRetry()
    {
        await qdrant.StopAsync();

        var response = await app.PostFilesAsync("acme", keys.Admin, ("gift-wrapping.md", "# Gift wrapping\n\nGift wrapping costs 4 euros per parcel."u8.ToArray()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await app.WaitForStatusAsync("acme", keys.Admin, ["gift-wrapping"], "failed");
        using var admin = app.ClientWithKey(keys.Admin);
        var document = await admin.GetFromJsonAsync<JsonElement>("/api/tenants/acme/documents/gift-wrapping");
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("error").GetString()));
        Assert.NotEqual(JsonValueKind.Null, document.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(0, document.GetProperty("chunkCount").GetInt32());
    }
}
