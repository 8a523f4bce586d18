using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SemanticKernel;
using SupportAgent.Core.Answering;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Retrieval;
using static SupportAgent.Tests.Unit.Resilience.ScriptedChatClient;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Unit.Resilience;

/// <summary>The answer pipeline's deadline and retry, on a fake clock: a slow model costs the test no real time.</summary>
[SlowCollection]
public sealed class AnswerResilienceTests
{
    private const string Answer = "Orders to Canada are delivered in 5 to 8 business days [1].";
    private readonly FakeTimeProvider clock = new();
    /// <summary>Half the 500 ms backoff: a retry that skipped the backoff still shows as less than deadline + backoff.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private static readonly Passage Canada = new(new IndexedChunk("c1", "international-shipping", "International shipping", "Canada",
        "Orders to Canada are delivered in 5 to 8 business days.", null), 1, 0.9);

    private sealed class OneRoute(ChatRoute route) : IChatModelRouter
    {
        public List<bool> Reports { get; } = [];
        public ValueTask<IReadOnlyList<ChatRoute>> RoutesAsync(string tenantId, RoutePreference preference, CancellationToken ct) => ValueTask.FromResult<IReadOnlyList<ChatRoute>>([route]);
        public ValueTask ReportAsync(string tenantId, ChatRoute r, bool succeeded, CancellationToken ct) { Reports.Add(succeeded); return ValueTask.CompletedTask; }
    }

    private Task<GeneratedAnswer> Generate(ScriptedChatClient model, OneRoute? router = null) =>
        new LlmAnswerGenerator(router ?? new OneRoute(new ChatRoute(model, "base")), new ExtractiveAnswerer(), new ChatKernels(),
                Options.Create(new LlmOptions { TimeoutSeconds = 30, RetryBackoffMs = 500 }), clock, NullLogger<LlmAnswerGenerator>.Instance)
            .GenerateAsync(new AnswerRequest("acme", "How long to Canada?", [Canada], "a helpful agent"), default);

    [Fact]
    public async Task AnAttemptPastItsDeadlineIsRetriedOnceAfterTheBackoffAndTheRetryAnswers()
    {
        var model = new ScriptedChatClient(new Hang(), new Say("Orders to Canada are delivered ", "in 5 to 8 business days [1]."));

        var call = Generate(model);
        var waited = await clock.DriveAsync(call, Step);

        Assert.Equal(Answer, (await call).Text);
        Assert.Equal(2, model.Calls);
        // A lower bound only: the fake clock keeps moving while the machine works on the retry.
        Assert.True(waited >= TimeSpan.FromSeconds(30.5), $"retried after {waited} on the clock, before the deadline and the backoff");
    }

    [Fact]
    public async Task AModelThatMissesBothDeadlinesFailsTheRouteAndTheRouterHearsIt()
    {
        var model = new ScriptedChatClient(new Hang());
        var router = new OneRoute(new ChatRoute(model, "base"));

        var call = Generate(model, router);
        var waited = await clock.DriveAsync(call, Step);

        await Assert.ThrowsAsync<GenerationFailedException>(() => call);
        Assert.Equal(2, model.Calls);
        Assert.Equal([false], router.Reports);
        Assert.True(waited >= TimeSpan.FromSeconds(60.5), $"gave up after {waited} on the clock, before two deadlines and the backoff");
    }

    [Fact]
    public async Task ARequestTheServerRefusesIsNotRetried()
    {
        var model = new ScriptedChatClient(new Fail(new HttpOperationException(HttpStatusCode.Unauthorized, null, "bad key", null)), new Say(Answer));

        var call = Generate(model);
        await clock.DriveAsync(call, Step);

        await Assert.ThrowsAsync<GenerationFailedException>(() => call);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task TextAlreadyShownIsNeverContradictedByARetry()
    {
        var model = new ScriptedChatClient(new Fail(new HttpRequestException("connection reset"), After: Answer + " "), new Say("Something else [1]."));

        var call = Generate(model);
        await clock.DriveAsync(call, Step);

        var failure = await Assert.ThrowsAsync<GenerationFailedException>(() => call);
        Assert.Contains("mid-answer", failure.Message);
        Assert.Equal(1, model.Calls);
    }
}
