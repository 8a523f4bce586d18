using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Data;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>
/// Turns' rows are committed together when they queue for the database at once (group commit): every turn's rows are
/// kept, each turn goes on only once its own rows are stored, and one turn's bad row never costs another its message.
/// </summary>
public class TurnWritesTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly SupportAgentApp app = shared.App;

    [Fact]
    public async Task ManyConcurrentTurnsAreAllStoredWithTheirRepliesAndDecisions()
    {
        var tenant = TenantIds.New("acme");
        var keys = await app.CreateTenantWithKnowledgeAsync(tenant);
        using var chat = new ChatClient(app, tenant, keys.Widget);
        var conversations = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => chat.StartAsync()));

        // Two messages a conversation, one after the other, all conversations at once.
        var replies = await Task.WhenAll(conversations.Select(async c =>
        {
            var first = await chat.AskAsync(c, "How long do I have to return an item?");
            return new[] { first, await chat.AskAsync(c, "And do I need the receipt?") };
        }));

        var replyIds = replies.SelectMany(r => r).Select(r => r.GetProperty("messageId").GetString()!).ToList();
        var stored = await app.InDatabaseAsync(db => db.Messages.AsNoTracking().Where(m => m.TenantId == tenant).ToListAsync());
        Assert.Equal(conversations.Length * 2, stored.Count(m => m.Role == MessageRole.Customer));
        Assert.All(replyIds, id => Assert.Contains(stored, m => m.Id == id && m.Role == MessageRole.Assistant));
        var decided = await app.InDatabaseAsync(db => db.Decisions.AsNoTracking().Where(d => d.TenantId == tenant).Select(d => d.MessageId).ToListAsync());
        Assert.All(stored.Where(m => m.Role == MessageRole.Customer), m => Assert.Contains(m.Id, decided));
    }

    [Fact]
    public async Task EveryMessageInsertedAtOnceIsStoredWhenItsWriteCompletes()
    {
        var (tenant, conversation) = await ConversationAsync();
        var writes = app.Services.GetRequiredService<TurnWrites>();
        var messages = Enumerable.Range(0, 40).Select(n => CustomerMessage(tenant, conversation, $"message {n}")).ToList();

        await Task.WhenAll(messages.Select(async m =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await writes.InsertAsync(scope.ServiceProvider.GetRequiredService<SupportDbContext>(), [m], CancellationToken.None);
            // Committed when the write completes: a reader on another context sees it at once.
            Assert.True(await app.InDatabaseAsync(db => db.Messages.AnyAsync(s => s.Id == m.Id)));
        }));

        var stored = await app.InDatabaseAsync(db => db.Messages.Where(m => m.ConversationId == conversation).Select(m => m.Id).ToListAsync());
        Assert.Equal(messages.Select(m => m.Id).Order(), stored.Order());
    }

    [Fact]
    public async Task ATurnWhoseRowCannotBeStoredFailsAloneAndTheTurnsCommittedWithItKeepTheirMessages()
    {
        var (tenant, conversation) = await ConversationAsync();
        var existing = CustomerMessage(tenant, conversation, "already stored");
        await app.InDatabaseAsync(db => { db.Messages.Add(existing); return db.SaveChangesAsync(); });
        var first = new TurnWrites.PendingRows([CustomerMessage(tenant, conversation, "first customer")]);
        var duplicate = new TurnWrites.PendingRows([CustomerMessage(tenant, conversation, "same id again", existing.Id)]);
        var last = new TurnWrites.PendingRows([CustomerMessage(tenant, conversation, "last customer"), CustomerMessage(tenant, conversation, "and a second row")]);

        await app.Services.GetRequiredService<TurnWrites>().WriteAsync([first, duplicate, last]);

        await first.Committed.Task;
        await last.Committed.Task;
        await Assert.ThrowsAsync<DbUpdateException>(() => duplicate.Committed.Task);
        var texts = await app.InDatabaseAsync(db => db.Messages.Where(m => m.ConversationId == conversation).Select(m => m.Text).ToListAsync());
        Assert.Equal(["already stored", "and a second row", "first customer", "last customer"], texts.Order());
    }

    private async Task<(string Tenant, string Conversation)> ConversationAsync()
    {
        var tenant = TenantIds.New("acme");
        var keys = await app.CreateTenantAsync(tenant);
        using var chat = new ChatClient(app, tenant, keys.Widget);
        return (tenant, await chat.StartAsync());
    }

    private static Message CustomerMessage(string tenant, string conversation, string text, string? id = null) => new()
    {
        Id = id ?? Ids.New("m"), TenantId = tenant, ConversationId = conversation, Role = MessageRole.Customer, Text = text, CreatedAt = DateTimeOffset.UtcNow,
    };
}

[OnPostgres]
public sealed class TurnWritesTestsOnPostgres(SharedApp shared) : TurnWritesTests(shared);
