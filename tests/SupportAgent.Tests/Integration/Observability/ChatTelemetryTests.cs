using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Observability;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Observability;

/// <summary>The message path emits spans per stage and metrics per decision, observed as an OpenTelemetry exporter would.</summary>
public sealed class ChatTelemetryTests : IAsyncLifetime
{
    private readonly SupportAgentApp app = new();
    private readonly ConcurrentBag<Activity> spans = [];
    private readonly ConcurrentBag<(string Instrument, double Value, Dictionary<string, string?> Tags)> measurements = [];
    private ActivityListener spanListener = null!;
    private MeterListener meterListener = null!;
    private SupportAgentApp.TenantKeys keys = null!;

    public async Task InitializeAsync()
    {
        keys = await app.CreateTenantWithKnowledgeAsync("telemetry");
        spanListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChatTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(spanListener);
        // Only this server's meters: other tests' servers run in the same process with meters of the same name.
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        meterListener = new MeterListener { InstrumentPublished = (instrument, l) => { if (instrument.Meter.Scope == factory) l.EnableMeasurementEvents(instrument); } };
        meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        meterListener.Start();
    }

    public Task DisposeAsync()
    {
        spanListener.Dispose();
        meterListener.Dispose();
        app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnAnsweredMessageIsTracedThroughTriageRetrievalAndGenerationAndCountedByDecision()
    {
        using var chat = new ChatClient(app, "telemetry", keys.Widget);
        var conversation = await chat.StartAsync();

        await chat.AskAsync(conversation, "How long does shipping to Canada take?");
        await chat.AskAsync(conversation, "What is the boiling point of mercury in kelvin?");

        var messages = spans.Where(s => s.OperationName == "chat.message" && (string?)s.GetTagItem("supportagent.conversation") == conversation).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(["answered", "escalated"], messages.Select(m => (string?)m.GetTagItem("supportagent.decision")));
        Assert.Equal(["chat.approved_answer", "chat.generation", "chat.policy", "chat.retrieval", "chat.triage"], Children(messages[0]));
        // Nothing to generate once the policy escalates; the draft for staff is quoted from what retrieval found.
        Assert.Equal(["chat.approved_answer", "chat.draft", "chat.policy", "chat.retrieval", "chat.triage"], Children(messages[1]));
        Assert.Equal("low_confidence", messages[1].GetTagItem("supportagent.reason"));

        var decisions = measurements.Where(m => m.Instrument == "supportagent.chat.decisions").ToList();
        Assert.Contains(decisions, d => d.Tags["action"] == "answered" && d.Tags["reason"] == "none" && d.Value == 1);
        Assert.Contains(decisions, d => d.Tags["action"] == "escalated" && d.Tags["reason"] == "low_confidence" && d.Value == 1);
        Assert.Equal(2, decisions.Count);
        var stages = measurements.Where(m => m.Instrument == "supportagent.chat.stage.duration").Select(m => m.Tags["stage"]).ToList();
        Assert.Equal(2, stages.Count(s => s == "triage"));
        Assert.Equal(1, stages.Count(s => s == "generation"));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "supportagent.chat.message.duration"));
    }

    private List<string> Children(Activity parent) =>
        [.. spans.Where(s => s.ParentSpanId == parent.SpanId && s.TraceId == parent.TraceId).Select(s => s.OperationName).Order()];

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value?.ToString();
        measurements.Add((instrument.Name, value, copy));
    }
}
