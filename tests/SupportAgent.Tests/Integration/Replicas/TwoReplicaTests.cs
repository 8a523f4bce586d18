using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportAgent.Server.Conversations;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Replicas;

/// <summary>
/// Two replicas share PostgreSQL and Redis: whatever is done through one is seen through the other, live messages
/// cross between them, and background work is shared without being done twice.
/// </summary>
[SlowCollection, OnPostgres]
public sealed class TwoReplicaTests(ReplicaPair replicas) : IClassFixture<ReplicaPair>
{
    [Fact]
    public async Task ATenantCreatedOnOneReplicaWorksOnTheOther()
    {
        var keys = await replicas.CreateTenantAsync(replicas.A, "created-on-a");

        using var adminOnB = replicas.B.Client(keys.Admin);
        var documents = await adminOnB.GetAsync("/api/tenants/created-on-a/documents");
        using var widgetOnB = replicas.B.Client(keys.Widget);
        var conversation = await widgetOnB.PostAsync("/api/tenants/created-on-a/conversations", null);

        Assert.Equal(HttpStatusCode.OK, documents.StatusCode);
        Assert.Equal(HttpStatusCode.Created, conversation.StatusCode);
    }

    [Fact]
    public async Task AConsoleCookieIssuedByOneReplicaIsAcceptedByTheOther()
    {
        var keys = await replicas.CreateTenantAsync(replicas.A, "cookie-tenant");
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browserOnA = replicas.A.Client(handler: cookies);
        using var browserOnB = replicas.B.Client(handler: cookies);
        using var strangerOnB = replicas.B.Client();

        var signIn = await browserOnA.PostAsJsonAsync("/console/session", new { key = keys.Staff });
        var queueOnB = await browserOnB.GetAsync("/api/tenants/cookie-tenant/escalations?status=open");
        var withoutCookie = await strangerOnB.GetAsync("/api/tenants/cookie-tenant/escalations?status=open");

        signIn.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, queueOnB.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCookie.StatusCode);
    }

    [Fact]
    public async Task AWidgetOnOneReplicaGetsTheStaffReplySentThroughTheOtherLive()
    {
        var keys = await replicas.CreateTenantAsync(replicas.A, "live-tenant");
        await using var widgetOnA = replicas.A.Hub(keys.Widget);
        await using var consoleOnB = replicas.B.Hub(keys.Staff);
        var staffReply = new TaskCompletionSource<MessageView>(TaskCreationOptions.RunContinuationsAsynchronously);
        var escalated = new TaskCompletionSource<EscalationView>(TaskCreationOptions.RunContinuationsAsynchronously);
        widgetOnA.On<MessageView>(nameof(IChatWidget.MessageAdded), m => { if (m.Role == "staff") staffReply.TrySetResult(m); });
        consoleOnB.On<EscalationView>(nameof(IChatWidget.EscalationCreated), e => escalated.TrySetResult(e));
        await widgetOnA.StartAsync();
        await consoleOnB.StartAsync();

        var started = await widgetOnA.StartConversationAsync();
        await foreach (var _ in widgetOnA.SendMessageAsync(started, "I want to talk to a person")) { }
        var escalation = await escalated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var staffOnB = replicas.B.Client(keys.Staff);
        var reply = await staffOnB.PostAsJsonAsync($"/api/tenants/live-tenant/escalations/{escalation.Id}/reply", new { text = "Hi, Sam here from the other replica." });
        reply.EnsureSuccessStatusCode();
        var pushed = await staffReply.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(started.ConversationId, escalation.ConversationId);
        Assert.Equal(started.ConversationId, pushed.ConversationId);
        Assert.Equal("Hi, Sam here from the other replica.", pushed.Text);
    }

    [Fact]
    public async Task SixtyUploadsSplitOverBothReplicasAreEachIndexedOnce()
    {
        var keys = await replicas.CreateTenantAsync(replicas.B, "sixty");

        var uploads = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            ReplicaPair.UploadAsync(i % 2 == 0 ? replicas.A : replicas.B, "sixty", keys.Admin, ReplicaPair.Document(i))));
        var documents = await replicas.WaitUntilSettledAsync("sixty", 60);

        Assert.All(uploads, u => Assert.Equal(HttpStatusCode.Accepted, u.StatusCode));
        Assert.All(documents, d => Assert.Equal(("Indexed", 1), (d.Status, d.Version)));
        Assert.Equal(await replicas.ScalarAsync("""SELECT SUM("ChunkCount") FROM "Documents" WHERE "TenantId" = @t""", "sixty"),
            await replicas.ScalarAsync("""SELECT COUNT(*) FROM "Chunks" WHERE "TenantId" = @t""", "sixty"));
    }

    [Fact]
    public async Task AClassifierTrainedThroughOneReplicaIsUsedByTheOtherAndANewerOneReplacesItOnBoth()
    {
        var keys = await replicas.CreateTenantAsync(replicas.A, "taxonomy");

        (await ReplicaTriage.UploadAsync(replicas.A, "taxonomy", keys.Admin, ReplicaTriage.Csv())).EnsureSuccessStatusCode();
        var first = await ReplicaTriage.WaitUntilTrainedAsync(replicas.B, "taxonomy", keys.Admin, version: 1);
        var onB = await ReplicaTriage.CategoryOnceLoadedAsync(replicas.B, "taxonomy", keys.Widget, "Is this kayak ok for a beginner paddler?", "kayaks");
        // A new taxonomy through B: both replicas switch to the newer version.
        (await ReplicaTriage.UploadAsync(replicas.B, "taxonomy", keys.Admin, ReplicaTriage.Csv(prefix: "outdoor-"))).EnsureSuccessStatusCode();
        var second = await ReplicaTriage.WaitUntilTrainedAsync(replicas.A, "taxonomy", keys.Admin, version: 2);
        var onA = await ReplicaTriage.CategoryOnceLoadedAsync(replicas.A, "taxonomy", keys.Widget, "Is this kayak ok for a beginner paddler?", "outdoor-kayaks");
        var againOnB = await ReplicaTriage.CategoryOnceLoadedAsync(replicas.B, "taxonomy", keys.Widget, "Is this kayak ok for a beginner paddler?", "outdoor-kayaks");
        var trainings = await replicas.TrainingsAsync("taxonomy");

        Assert.Equal(("ready", 1), (first.GetProperty("state").GetString(), first.GetProperty("version").GetInt32()));
        Assert.Equal(("ready", 2), (second.GetProperty("state").GetString(), second.GetProperty("version").GetInt32()));
        Assert.Equal("kayaks", onB);
        Assert.Equal("outdoor-kayaks", onA);
        Assert.Equal("outdoor-kayaks", againOnB);
        Assert.Equal([(1, false), (2, true)], trainings.Select(t => (t.Version, t.HasModel)));
    }

    [Fact]
    public async Task ExamplesUploadedThroughBothReplicasAtOnceAreNeverTrainedTwiceAtTheSameTime()
    {
        var keys = await replicas.CreateTenantAsync(replicas.A, "busy-taxonomy");

        // Sixty examples an upload: enough for a real training (with calibration), and each of the trainings the eight
        // uploads queue stays short, since they run one after another.
        var uploads = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            ReplicaTriage.UploadAsync(i % 2 == 0 ? replicas.A : replicas.B, "busy-taxonomy", keys.Admin, ReplicaTriage.Csv(repeat: 5))));
        await replicas.WaitUntilSettledAsync("busy-taxonomy", 0);
        var status = await ReplicaTriage.WaitUntilTrainedAsync(replicas.B, "busy-taxonomy", keys.Admin, version: 1);
        var trainings = await replicas.TrainingsAsync("busy-taxonomy");

        Assert.All(uploads, u => Assert.Equal(HttpStatusCode.Accepted, u.StatusCode));
        Assert.Equal("ready", status.GetProperty("state").GetString());
        Assert.NotEmpty(trainings);
        Assert.All(trainings.Zip(trainings.Skip(1)), pair => Assert.True(pair.Second.Started >= pair.First.Finished,
            $"v{pair.Second.Version} ({pair.Second.TrainedBy}) started before v{pair.First.Version} ({pair.First.TrainedBy}) finished"));
        Assert.Equal(trainings[^1].Version, status.GetProperty("version").GetInt32());
        Assert.Equal(1, trainings.Count(t => t.HasModel));
    }
}
