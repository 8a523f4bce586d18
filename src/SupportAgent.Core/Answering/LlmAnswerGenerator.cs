using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Polly;
using SupportAgent.Core.Answering.Grounding;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Generation.Prompts;

namespace SupportAgent.Core.Answering;

/// <summary>
/// Generation with routes: the router's routes are tried in order (the tenant's adapter first, then the base
/// model). Each route runs through the <see cref="LlmResilience.Answers"/> pipeline (a deadline per attempt, one
/// retry with backoff); a route that still fails is reported to the router and the next one is used (the answer is
/// marked as a fallback). No routes means no LLM is configured: the extractive answerer answers. All routes failing
/// throws <see cref="GenerationFailedException"/>.
/// </summary>
public sealed class LlmAnswerGenerator(IChatModelRouter router, ExtractiveAnswerer extractive, ChatKernels kernels, IOptions<LlmOptions> options,
    TimeProvider clock, ILogger<LlmAnswerGenerator> log) : IAnswerGenerator
{
    private readonly ResiliencePipeline attempts = LlmResilience.Answers(options.Value, clock, log);

    public async Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken ct)
    {
        await foreach (var update in StreamAsync(request, ct))
            if (update.Answer is { } answer) return answer;
        throw new InvalidOperationException("The answer stream ended without an answer.");
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var routes = await router.RoutesAsync(request.TenantId, request.Route, request.Adapter, ct);
        if (routes.Count == 0 || request.Passages.Count == 0)
        {
            yield return AnswerUpdate.Finished(await extractive.GenerateAsync(request, ct));
            yield break;
        }
        // A pinned turn (the adapter evaluation gate) is measured, not policed: its failures never suspend an adapter.
        var policed = request.Route == RoutePreference.Auto;
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            var run = new RouteRun(route, request);
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var running = RunAsync(run, stop.Token);
                try
                {
                    await foreach (var visible in run.Shown.Reader.ReadAllAsync(ct)) yield return AnswerUpdate.Visible(visible);
                }
                finally
                {
                    // The caller may stop listening early: the attempt must not outlive it.
                    await stop.CancelAsync();
                    await running;
                }
            }
            ct.ThrowIfCancellationRequested();
            if (run.Failure is null)
            {
                if (policed) await router.ReportAsync(request.TenantId, route, succeeded: true, ct);
                var builder = run.Builder;
                yield return AnswerUpdate.Finished(builder.Grounded
                    ? new GeneratedAnswer(builder.Released, builder.Citations, route.Model, Grounded: true, run.Chunks, route.Adapter, Fallback: i > 0)
                    : new GeneratedAnswer(builder.Raw, [], route.Model, Grounded: false, run.Chunks, route.Adapter, Fallback: i > 0));
                yield break;
            }
            log.LogWarning(run.Failure, "Chat model {Model} failed for tenant {Tenant}", route.Model, request.TenantId);
            if (policed) await router.ReportAsync(request.TenantId, route, succeeded: false, ct);
            // Text already shown to the customer cannot be taken back, so another route could only contradict it.
            if (run.Builder.Released.Length > 0) throw new GenerationFailedException("The model failed mid-answer.", route.Model, run.Failure);
        }
        throw new GenerationFailedException($"All {routes.Count} chat model route(s) failed.", routes[^1].Model);
    }

    /// <summary>The route's attempts inside the pipeline; what may be shown goes to <see cref="RouteRun.Shown"/> as it arrives.</summary>
    private async Task RunAsync(RouteRun run, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        try
        {
            await attempts.ExecuteAsync(c => AttemptAsync(run, c), context);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            run.Failure = e;
        }
        catch (OperationCanceledException) { } // the caller stopped; StreamAsync rethrows for the caller's token
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            run.Shown.Writer.TryComplete();
        }
    }

    /// <summary>One attempt: the Semantic Kernel answer prompt on the route's kernel, its tokens fed through the grounding gate.</summary>
    private async ValueTask AttemptAsync(RouteRun run, ResilienceContext context)
    {
        var ct = context.CancellationToken; // the attempt's deadline, set by the pipeline
        run.Builder = new GroundedAnswerBuilder(run.Request.Passages);
        run.Chunks = 0;
        var arguments = GroundedPrompt.Arguments(run.Request, run.Request.TenantName ?? run.Request.TenantId, ChatKernels.Settings(run.Route));
        await foreach (var update in ChatPrompts.Answer.InvokeStreamingAsync<StreamingChatMessageContent>(kernels.For(run.Route.Client), arguments, ct))
        {
            if (string.IsNullOrEmpty(update.Content)) continue;
            run.Chunks++;
            if (run.Builder.Append(update.Content) is { Length: > 0 } visible) await ShowAsync(run, context, visible);
        }
        if (string.IsNullOrWhiteSpace(run.Builder.Raw)) throw new MalformedModelOutputException("The chat model returned no text.");
        if (run.Builder.Complete() is { Length: > 0 } rest) await ShowAsync(run, context, rest);
    }

    private static ValueTask ShowAsync(RouteRun run, ResilienceContext context, string visible)
    {
        context.Properties.Set(LlmResilience.Shown, true);
        return run.Shown.Writer.WriteAsync(visible, context.CancellationToken);
    }

    /// <summary>One route's state across its attempts: the latest attempt's answer builder, and how the route ended.</summary>
    private sealed class RouteRun(ChatRoute route, AnswerRequest request)
    {
        public ChatRoute Route { get; } = route;
        public AnswerRequest Request { get; } = request;
        public Channel<string> Shown { get; } = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        public GroundedAnswerBuilder Builder { get; set; } = new(request.Passages);
        public int Chunks { get; set; }
        public Exception? Failure { get; set; }
    }
}

/// <param name="Model">The last model tried, recorded on the decision.</param>
public sealed class GenerationFailedException(string message, string model, Exception? inner = null) : Exception(message, inner)
{
    public string Model { get; } = model;
}

public sealed class MalformedModelOutputException(string message) : Exception(message);
