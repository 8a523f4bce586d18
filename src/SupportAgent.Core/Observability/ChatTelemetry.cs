using System.Diagnostics;
using SupportAgent.Core.Answering;
using System.Diagnostics.Metrics;
using SupportAgent.Core.Conversations;

namespace SupportAgent.Core.Observability;

/// <summary>
/// Traces and metrics of the message path. Spans: <c>chat.message</c> with children <c>chat.triage</c>,
/// <c>chat.retrieval</c> and <c>chat.generation</c>. Metrics: stage and message durations, generated tokens, and
/// decisions by action and reason. Hosts export them with OpenTelemetry (<see cref="SourceName"/>, <see cref="MeterName"/>).
/// </summary>
public sealed class ChatTelemetry
{
    public const string SourceName = "SupportAgent.Chat";
    public const string MeterName = "SupportAgent.Chat";

    /// <summary>Static because spans must be startable before DI exists (and the BCL caches sources by name anyway).</summary>
    public static readonly ActivitySource Source = new(SourceName);

    private readonly Histogram<double> stageDuration;
    private readonly Histogram<double> messageDuration;
    private readonly Counter<long> tokens;
    private readonly Counter<long> decisions;

    /// <param name="meters">The host's meter factory; hosts without one (a bare service collection) get a plain meter.</param>
    public ChatTelemetry(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        stageDuration = meter.CreateHistogram<double>("supportagent.chat.stage.duration", "ms", "Duration of one stage of the message path (tag: stage).");
        messageDuration = meter.CreateHistogram<double>("supportagent.chat.message.duration", "ms", "Customer message to decided reply, end to end.");
        tokens = meter.CreateCounter<long>("supportagent.chat.tokens", "{token}", "Tokens used by generation (tag: model).");
        decisions = meter.CreateCounter<long>("supportagent.chat.decisions", "{decision}", "Decisions by action and reason.");
    }

    public static Activity? StartMessage(string tenantId, string conversationId) =>
        Source.StartActivity("chat.message")?.SetTag("supportagent.tenant", tenantId).SetTag("supportagent.conversation", conversationId);

    /// <summary>
    /// Starts one stage's span under the turn's span (passed explicitly: a streamed turn resumes on its caller's
    /// context, where the turn's span is not current) and records the stage's duration when disposed.
    /// </summary>
    public StageTiming Stage(Activity? turn, string stage) =>
        new(Source.StartActivity($"chat.{stage}", ActivityKind.Internal, turn?.Context ?? default), stage, stageDuration);

    public readonly struct StageTiming(Activity? activity, string stage, Histogram<double> durations) : IDisposable
    {
        private readonly long started = Stopwatch.GetTimestamp();

        public void Dispose()
        {
            durations.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("stage", stage));
            activity?.Dispose();
        }
    }

    public void Decided(Activity? activity, Decision decision)
    {
        var action = decision.Action == DecisionAction.Answered ? "answered" : "escalated";
        var reason = decision.Reason?.Name() ?? "none";
        activity?.SetTag("supportagent.decision", action).SetTag("supportagent.reason", decision.Reason?.Name())
            .SetTag("supportagent.category", decision.Category).SetTag("supportagent.top_score", decision.TopScore)
            .SetTag("supportagent.model", decision.Model).SetTag("supportagent.tokens", decision.Tokens);
        decisions.Add(1, new("action", action), new("reason", reason));
        messageDuration.Record(decision.LatencyMs, new KeyValuePair<string, object?>("action", action));
        if (decision.Tokens > 0) tokens.Add(decision.Tokens, new KeyValuePair<string, object?>("model", decision.Model));
    }
}
