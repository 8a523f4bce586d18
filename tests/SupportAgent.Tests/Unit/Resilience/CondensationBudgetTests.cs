using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Retrieval.Condensing;
using static SupportAgent.Tests.Unit.Resilience.ScriptedChatClient;

namespace SupportAgent.Tests.Unit.Resilience;

public sealed class CondensationBudgetTests
{
    private readonly FakeTimeProvider clock = new();

    private sealed class Routes(ChatRoute route) : IChatModelRouter
    {
        public List<RoutePreference> Asked { get; } = [];
        public List<bool> Reports { get; } = [];
        public ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, CancellationToken ct)
        {
            Asked.Add(preference);
            return ValueTask.FromResult<IReadOnlyList<ChatRoute>>([route]);
        }
        public ValueTask ReportAsync(string tenantId, ChatRoute r, bool succeeded, CancellationToken ct) { Reports.Add(succeeded); return ValueTask.CompletedTask; }
    }

    private sealed class NoEntities : IEntityVocabulary
    {
        public Task<Func<string, bool>> EntityTermsAsync(string tenantId, CancellationToken ct) => Task.FromResult<Func<string, bool>>(_ => false);
    }

    [Fact]
    public async Task AModelPastTheCondensationBudgetIsAbandonedForLexicalCondensationWithoutARetry()
    {
        var model = new ScriptedChatClient(new Hang());
        var router = new Routes(new ChatRoute(model, "base"));
        var condenser = new QueryCondenser(new NoEntities(), router, new ChatKernels(), clock, NullLogger<QueryCondenser>.Instance);

        var call = condenser.CondenseAsync("acme", "And to Canada?", [new ConversationTurn(true, "How long does shipping take?")], default);
        var waited = await clock.DriveAsync(call);

        Assert.Equal("And to Canada? shipping", (await call).Text);
        Assert.Equal(1, model.Calls);
        Assert.Equal([false], router.Reports);
        Assert.Equal([RoutePreference.Base], router.Asked); // never the tenant's adapter
        Assert.True(waited >= LlmResilience.CondensationBudget, $"abandoned after {waited} on the clock, before its budget");
    }
}
