using System.Net;
using System.Text.Json;
using SupportAgent.Core.Answering;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Adapters;

public class TrainingExportTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private const string PiiQuestion = "I'm jane.doe@example.com, card 4111 1111 1111 1111 was charged twice! Call me on +1 (555) 123-4567.";
    private readonly SupportAgentApp app = shared.App;
    private readonly string acmeId = TenantIds.New("acme");
    private readonly string globexId = TenantIds.New("globex");
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync()
    {
        keys = await app.CreateTenantAsync(acmeId);
        var history = new SupportHistory(app, acmeId);
        await history.ResolvedExamplesAsync(40, EscalationReason.Ungrounded);
        await history.EscalationAsync(PiiQuestion, EscalationReason.Ungrounded, "Sorry Jane! We refunded the duplicate charge; a receipt went to jane.doe@example.com [1].");
        // Asked and answered identically twice: exported once.
        await history.EscalationAsync("Do you ship on Sundays?", EscalationReason.Ungrounded, "No, we ship Monday to Friday [1].");
        await history.EscalationAsync("do you  ship on sundays?", EscalationReason.Ungrounded, "No, we ship Monday to Friday [1].");
        // Not approved: still open, or closed without a staff reply.
        await history.EscalationAsync("Still waiting for a person", EscalationReason.WantsHuman, "Looking into it", resolved: false);
        await history.EscalationAsync("Never mind, found it", EscalationReason.Ungrounded, staffReply: null);
        // Another tenant's approved data never leaks into this export.
        await app.CreateTenantAsync(globexId);
        await new SupportHistory(app, globexId).EscalationAsync("Globex secret question", EscalationReason.Ungrounded, "Globex secret answer");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(List<JsonElement> Lines, HttpResponseMessage Response)> ExportAsync(string split)
    {
        using var client = app.ClientWithKey(keys.Admin);
        var response = await client.GetAsync($"/api/tenants/{acmeId}/finetune/export?split={split}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", body);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (lines, response);
    }

    private static string Content(JsonElement line, string role) =>
        line.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == role).GetProperty("content").GetString()!;

    [Fact]
    public async Task TheExportRoundTripsAsChatFormatJsonlWithTheRetrievedPassagesInThePrompt()
    {
        var (lines, response) = await ExportAsync("train");

        Assert.Equal("application/jsonl", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.Equal(["system", "user", "assistant"], line.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
            Assert.Contains("Sources:\n[1] Title of shipping-policy: Passage of shipping-policy", Content(line, "user"));
            Assert.Contains("Question: ", Content(line, "user"));
            Assert.Contains($"Tenant {acmeId}", Content(line, "system"));
        }
        Assert.Contains(lines, l => Content(l, "assistant").StartsWith("Sorry for the wait! Parcel ") && Content(l, "user").EndsWith("It has not arrived."));
    }

    [Fact]
    public async Task PersonalDataIsScrubbedFromQuestionsAndAnswers()
    {
        var all = (await ExportAsync("train")).Lines.Concat((await ExportAsync("heldout")).Lines).ToList();

        var pii = Assert.Single(all, l => Content(l, "user").Contains("charged twice"));
        Assert.Contains("I'm [email], card [card number] was charged twice! Call me on [phone number].", Content(pii, "user"));
        Assert.Equal("Sorry Jane! We refunded the duplicate charge; a receipt went to [email] [1].", Content(pii, "assistant"));
        var text = string.Join("\n", all.Select(l => l.GetRawText()));
        Assert.DoesNotContain("jane.doe", text);
        Assert.DoesNotContain("4111", text);
        Assert.DoesNotContain("123-4567", text);
    }

    [Fact]
    public async Task OnlyApprovedDeDuplicatedExamplesOfThisTenantAreExportedSplitIntoTrainAndHeldOut()
    {
        var (train, response) = await ExportAsync("train");
        var (heldOut, _) = await ExportAsync("heldout");

        var questions = train.Concat(heldOut).Select(l => Content(l, "user")).ToList();
        Assert.Equal(42, questions.Count); // 40 parcels + the PII case + Sundays once
        Assert.Single(questions, q => q.Contains("ship on sundays", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(questions, q => q.Contains("Still waiting") || q.Contains("Never mind") || q.Contains("Globex"));
        Assert.NotEmpty(heldOut);
        Assert.Empty(train.Select(l => Content(l, "user")).Intersect(heldOut.Select(l => Content(l, "user"))));
        Assert.Equal(train.Count.ToString(), response.Headers.GetValues("X-Train-Examples").Single());
        Assert.Equal(heldOut.Count.ToString(), response.Headers.GetValues("X-HeldOut-Examples").Single());
        Assert.Equal((await ExportAsync("heldout")).Lines.Select(l => l.GetRawText()), heldOut.Select(l => l.GetRawText())); // stable across exports
    }

    [Fact]
    public async Task AnUnknownSplitIsRejected()
    {
        using var client = app.ClientWithKey(keys.Admin);

        var detail = await (await client.GetAsync($"/api/tenants/{acmeId}/finetune/export?split=everything")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'train' or 'heldout'", detail);
    }
}

[OnPostgres]
public sealed class TrainingExportTestsOnPostgres(SharedApp shared) : TrainingExportTests(shared);
