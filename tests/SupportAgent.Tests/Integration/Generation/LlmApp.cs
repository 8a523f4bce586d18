using System.Text.RegularExpressions;
using SupportAgent.Tests.Fakes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Generation;

/// <summary>
/// The real server configured with the fake OpenAI-compatible endpoint as its LLM: one of each for all the tests of a
/// class (a class fixture; the configuration is the same for all of them).
/// </summary>
public sealed class LlmApp : IAsyncLifetime
{
    public FakeOpenAiServer Llm { get; private set; } = null!;
    public SupportAgentApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Llm = await FakeOpenAiServer.StartAsync();
        App = new SupportAgentApp()
            .With("SupportAgent:Llm:Endpoint", Llm.Endpoint.ToString())
            .With("SupportAgent:Llm:Model", "fake-model")
            .With("SupportAgent:Llm:ApiKey", "sk-test")
            // Generous: a cold first call on a busy machine must not look like a timeout.
            .With("SupportAgent:Llm:TimeoutSeconds", "15")
            .With("SupportAgent:Llm:RetryBackoffMs", "50");
    }

    public async Task DisposeAsync()
    {
        App.Dispose();
        await Llm.DisposeAsync();
    }
}

/// <summary>
/// Tests against <see cref="LlmApp"/>: each starts with the fake model's script, recorded requests and listed models
/// cleared, and a tenant of its own with the test knowledge, so no test sees another's conversations or requests.
/// </summary>
public abstract class LlmAppTests(LlmApp shared) : IClassFixture<LlmApp>, IAsyncLifetime
{
    protected FakeOpenAiServer Llm => shared.Llm;
    protected SupportAgentApp App => shared.App;
    protected string Tenant { get; } = TenantIds.New("acme");
    protected SupportAgentApp.TenantKeys Keys { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Llm.Reset();
        Keys = await App.CreateTenantWithKnowledgeAsync(Tenant);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The number the prompt gave the passage of the titled document, as a model would read it.</summary>
    protected static int PassageNumber(FakeRequest request, string title)
    {
        var match = Regex.Match(request.System, $@"\[(\d+)\] {Regex.Escape(title)}");
        Assert.True(match.Success, $"The prompt has no passage titled '{title}':\n{request.System}");
        return int.Parse(match.Groups[1].Value);
    }

    /// <summary>The number of the passage whose text contains <paramref name="text"/>.</summary>
    protected static int PassageNumberContaining(FakeRequest request, string text)
    {
        var passages = Regex.Split(request.System, @"(?m)^(?=\[\d+\] )");
        var passage = passages.FirstOrDefault(p => p.Contains(text, StringComparison.Ordinal));
        Assert.True(passage is not null, $"No passage contains '{text}':\n{request.System}");
        return int.Parse(Regex.Match(passage!, @"^\[(\d+)\]").Groups[1].Value);
    }

    /// <summary>A model that answers the Canada question correctly, citing the passage it was given.</summary>
    protected static FakeReply CorrectCanadaAnswer(FakeRequest request) =>
        FakeReply.Text($"Orders to Canada are delivered in 5 to 8 business days [{PassageNumber(request, "International shipping")}]. Duties and taxes are included at checkout [{PassageNumber(request, "International shipping")}].");
}
