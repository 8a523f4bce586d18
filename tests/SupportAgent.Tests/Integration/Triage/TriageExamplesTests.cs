using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Triage;

/// <summary>An admin uploads a taxonomy as labelled examples; the classifier trains in the background and categorises chat.</summary>
[SlowCollection]
public class TriageExamplesTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys keys = null!;

    /// <summary>A taxonomy the keyword fallback knows nothing about, so a right answer can only come from training.</summary>
    private static readonly string Csv = "text,category\n" + string.Join("\n",
        Rows("tents", "Is the two-person tent freestanding?", "How heavy is the ultralight tent?", "Does the tent come with a footprint?",
            "Can the tent handle strong wind?", "How do I pitch the dome tent?", "Is the tent fly waterproof?").Concat(
        Rows("kayaks", "How long is the touring kayak?", "Is the kayak stable for beginners?", "Does the kayak include a paddle?",
            "What is the kayak's weight limit?", "Can the inflatable kayak go on the sea?", "How do I store a kayak in winter?")).Concat(
        Rows("\"bikes, e-bikes\"", "What frame size bike do I need?", "How far does the e-bike go on one charge?", "Do your bikes come assembled?",
            "What gears does the gravel bike have?", "Is the bike saddle replaceable?", "How do I adjust bike brakes?")));

    private static IEnumerable<string> Rows(string category, params string[] texts) => texts.Select(t => $"\"{t}\",{category}");

    public async Task InitializeAsync() => keys = await app.CreateTenantWithKnowledgeAsync(acmeId);
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> UploadAsync(string csv, string? key = null)
    {
        using var client = app.ClientWithKey(key ?? keys.Admin);
        return await client.PostAsync($"/api/tenants/{acmeId}/triage/examples", new StringContent(csv, Encoding.UTF8, "text/csv"));
    }

    private async Task<JsonElement> WaitUntilReadyAsync(SupportAgentApp server, int version = 1)
    {
        using var client = server.ClientWithKey(keys.Admin);
        for (var i = 0; i < 300; i++)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/triage/model");
            if (status.GetProperty("state").GetString() is "ready" or "failed" && status.GetProperty("version").GetInt32() >= version) return status;
            await Task.Delay(100);
        }
        throw new TimeoutException("The classifier did not finish training.");
    }

    [Fact]
    public async Task UploadedExamplesTrainAClassifierThatCategorisesCustomerMessages()
    {
        var response = await UploadAsync(Csv);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(18, accepted.GetProperty("examples").GetInt32());
        Assert.Equal(["bikes, e-bikes", "kayaks", "tents"], accepted.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var status = await WaitUntilReadyAsync(app);
        Assert.Equal("ready", status.GetProperty("state").GetString());

        using var chat = new ChatClient(app, acmeId, keys.Widget);
        var conversation = await chat.StartAsync();
        Assert.Equal("kayaks", (await chat.AskAsync(conversation, "Is this kayak ok for a beginner paddler?")).GetProperty("category").GetString());
        Assert.Equal("tents", (await chat.AskAsync(conversation, "will the tent survive wind on a mountain")).GetProperty("category").GetString());
    }

    [Fact]
    public async Task TheTrainedModelIsUsedByTheServerAfterARestart()
    {
        (await UploadAsync(Csv)).EnsureSuccessStatusCode();
        await WaitUntilReadyAsync(app);

        // A second server on the same data directory loads the model from the database, as after a restart.
        using var restarted = new SupportAgentApp(app.DataDirectory) { KeepDataDirectory = true };
        var status = await WaitUntilReadyAsync(restarted);
        Assert.Equal(3, status.GetProperty("categories").GetArrayLength());
        using var chat = new ChatClient(restarted, acmeId, keys.Widget);
        var reply = await chat.AskAsync(await chat.StartAsync(), "how many km does the e-bike battery last");
        Assert.Equal("bikes, e-bikes", reply.GetProperty("category").GetString());
    }

    [Fact]
    public async Task EachTrainingIsStoredInTheDatabaseAsTheNextVersionAndOnlyTheNewestKeepsItsModel()
    {
        (await UploadAsync(Csv)).EnsureSuccessStatusCode();
        await WaitUntilReadyAsync(app);
        (await UploadAsync(Csv)).EnsureSuccessStatusCode();
        var status = await WaitUntilReadyAsync(app, version: 2);

        var stored = await app.InDatabaseAsync(db => db.TriageModels.Where(m => m.TenantId == acmeId).OrderBy(m => m.Version)
            .Select(m => new { m.Version, m.State, HasModel = m.Model != null }).ToListAsync());
        Assert.Equal(2, status.GetProperty("version").GetInt32());
        Assert.Equal([(1, "ready", false), (2, "ready", true)], stored.Select(m => (m.Version, m.State, m.HasModel)));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Jobs.CountAsync(j => j.TenantId == acmeId)));
    }

    [Fact]
    public async Task AnotherServerOnTheSameDatabaseSwitchesToANewerModelOnceItsRefreshIntervalHasPassed()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        // A second server that trains nothing itself (no workers): it can only get the model from the database.
        using var other = new SupportAgentApp(app.DataDirectory) { KeepDataDirectory = true }
            .With("SupportAgent:Ingestion:WorkerEnabled", "false").WithServices(s => s.AddSingleton<TimeProvider>(clock));
        using var chat = new ChatClient(other, acmeId, keys.Widget);
        var conversation = await chat.StartAsync();
        var beforeTraining = await chat.AskAsync(conversation, "Is this kayak ok for a beginner paddler?");

        (await UploadAsync(Csv)).EnsureSuccessStatusCode();
        await WaitUntilReadyAsync(app);
        var withinInterval = await chat.AskAsync(conversation, "Is this kayak ok for a beginner paddler?");
        clock.Advance(TimeSpan.FromSeconds(11));
        var afterInterval = await chat.AskAsync(conversation, "Is this kayak ok for a beginner paddler?");

        Assert.NotEqual("kayaks", beforeTraining.GetProperty("category").GetString());
        Assert.NotEqual("kayaks", withinInterval.GetProperty("category").GetString());
        Assert.Equal("kayaks", afterInterval.GetProperty("category").GetString());
    }

    [Fact]
    public async Task ExamplesStoredWithoutAClassifierInTheDatabaseAreTrainedWhenAServerStarts()
    {
        // As a database from a release that kept classifiers in each server's data directory: examples, no stored model.
        var (examples, _) = SupportAgent.Core.Triage.Classification.ExamplesCsv.Parse(Csv);
        await app.InDatabaseAsync(async db =>
        {
            db.TriageExamples.AddRange(examples.Select(e => new SupportAgent.Core.Triage.Classification.TriageExample
                { TenantId = acmeId, Text = e.Text, Category = e.Category, CreatedAt = DateTimeOffset.UtcNow.AddDays(-30) }));
            return await db.SaveChangesAsync();
        });

        using var upgraded = new SupportAgentApp(app.DataDirectory) { KeepDataDirectory = true };
        var status = await WaitUntilReadyAsync(upgraded);

        Assert.Equal("ready", status.GetProperty("state").GetString());
        Assert.Equal(["bikes, e-bikes", "kayaks", "tents"], status.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task AMessageThatFitsNoCategoryIsEscalatedAsOutOfScope()
    {
        var csv = Csv + "\n" + string.Join("\n", Rows("out_of_scope", "What's the weather tomorrow?", "Tell me a joke", "Who won the match last night?",
            "Help me with my homework", "What is the capital of France?", "Write a poem about the sea"));
        (await UploadAsync(csv)).EnsureSuccessStatusCode();
        await WaitUntilReadyAsync(app);
        using var chat = new ChatClient(app, acmeId, keys.Widget);

        var reply = await chat.AskAsync(await chat.StartAsync(), "Can you tell me a joke about the weather?");

        Assert.Equal("escalated", reply.GetProperty("decision").GetString());
        Assert.Equal("out_of_scope", reply.GetProperty("reason").GetString());
        Assert.Equal("out_of_scope", reply.GetProperty("category").GetString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("question,label\nhi,x\n", "header")]
    [InlineData("text,category\n\"Is the tent freestanding?,tents\n", "never closed")]
    [InlineData("text,category\nIs the tent freestanding?,tents,extra\n", "exactly")]
    [InlineData("text,category\nIs the tent freestanding?,tents\nIs it light?,tents\nDoes it pack small?,tents\n", "two categories")]
    [InlineData("text,category\nIs the tent freestanding?,tents\nIs it light?,tents\nDoes it pack small?,tents\nHow long is the kayak?,kayaks\n", "'kayaks' (1)")]
    [InlineData("text,category\n,tents\n", "empty text")]
    public async Task BadExampleFilesAreRefusedWithAClearProblemAndChangeNothing(string csv, string expected)
    {
        var detail = await (await UploadAsync(csv)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, detail);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.TriageExamples.CountAsync(e => e.TenantId == acmeId)));
        using var client = app.ClientWithKey(keys.Admin);
        var status = await client.GetFromJsonAsync<JsonElement>($"/api/tenants/{acmeId}/triage/model");
        Assert.Equal("none", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task OnlyTheTenantsAdminCanUploadExamples()
    {
        await (await UploadAsync(Csv, keys.Staff)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var other = await app.CreateTenantAsync(globexId);
        await (await UploadAsync(Csv, other.Admin)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}

[OnPostgres]
public sealed class TriageExamplesTestsOnPostgres(SharedApp shared) : TriageExamplesTests(shared);
