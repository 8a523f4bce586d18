using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SupportAgent.Core.Answering.Grounding;
using SupportAgent.Core.Generation;

namespace SupportAgent.Core.Answering;

/// <summary>
/// Generation with routes: the router's routes are tried in order (the tenant's adapter first, then the base
/// model). Each route gets one retry with backoff on timeout, 429, 5xx or malformed output; a route that still
/// fails is reported to the router and the next one is used (the answer is marked as a fallback). No routes means
/// no LLM is configured: the extractive answerer answers. All routes failing throws <see cref="GenerationFailedException"/>.
/// </summary>
public sealed class LlmAnswerGenerator(IChatModelRouter router, ExtractiveAnswerer extractive, IOptions<LlmOptions> options,
    TimeProvider clock, ILogger<LlmAnswerGenerator> log) : IAnswerGenerator
{
    /// <summary>A kernel per chat client, built once: building one per attempt showed up on every answered turn.</summary>
    private readonly ConditionalWeakTable<IChatClient, Kernel> kernels = new();

    public async Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken ct)
    {
        await foreach (var update in StreamAsync(request, ct))
            if (update.Answer is { } answer) return answer;
        throw new InvalidOperationException("The answer stream ended without an answer.");
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var routes = await router.RoutesAsync(request.TenantId, request.Route, ct);
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
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                var builder = new GroundedAnswerBuilder(request.Passages);
                var chunks = new StrongBox<int>();
                Exception? failure = null;
                await using (var updates = AttemptAsync(route, request, builder, chunks, ct).GetAsyncEnumerator(ct))
                {
                    while (true)
                    {
                        string visible;
                        try
                        {
                            if (!await updates.MoveNextAsync()) break;
                            visible = updates.Current;
                        }
                        catch (Exception e) when (!ct.IsCancellationRequested)
                        {
                            failure = e is OperationCanceledException
                                ? new TimeoutException($"The chat model did not finish within {options.Value.TimeoutSeconds} s.", e) : e;
                            break;
                        }
                        yield return AnswerUpdate.Visible(visible);
                    }
                }
                if (failure is null)
                {
                    if (policed) await router.ReportAsync(request.TenantId, route, succeeded: true, ct);
                    yield return AnswerUpdate.Finished(builder.Grounded
                        ? new GeneratedAnswer(builder.Released, builder.Citations, route.Model, Grounded: true, chunks.Value, route.Adapter, Fallback: i > 0)
                        : new GeneratedAnswer(builder.Raw, [], route.Model, Grounded: false, chunks.Value, route.Adapter, Fallback: i > 0));
                    yield break;
                }
                log.LogWarning(failure, "Chat model {Model} attempt {Attempt} failed for tenant {Tenant}", route.Model, attempt, request.TenantId);
                // Text already shown to the customer cannot be taken back, so a retry could only contradict it.
                if (builder.Released.Length > 0)
                {
                    if (policed) await router.ReportAsync(request.TenantId, route, succeeded: false, ct);
                    throw new GenerationFailedException("The model failed mid-answer.", route.Model, failure);
                }
                if (attempt == 2 || !IsRetryable(failure)) break;
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.RetryBackoffMs), clock, ct);
            }
            if (policed) await router.ReportAsync(request.TenantId, route, succeeded: false, ct);
        }
        throw new GenerationFailedException($"All {routes.Count} chat model route(s) failed.", routes[^1].Model);
    }

    /// <summary>One attempt: the Semantic Kernel prompt on the route, its tokens fed through the grounding gate; yields what may be shown.</summary>
    private async IAsyncEnumerable<string> AttemptAsync(ChatRoute route, AnswerRequest request, GroundedAnswerBuilder builder,
        StrongBox<int> chunks, [EnumeratorCancellation] CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var kernel = kernels.GetValue(route.Client, NewKernel);
        var settings = new PromptExecutionSettings { ModelId = route.Model };
        var arguments = GroundedPrompt.Arguments(request, request.TenantName ?? request.TenantId, settings);
        await foreach (var update in kernel.InvokePromptStreamingAsync<StreamingChatMessageContent>(GroundedPrompt.Template, arguments, cancellationToken: timeout.Token))
        {
            if (string.IsNullOrEmpty(update.Content)) continue;
            chunks.Value++;
            var visible = builder.Append(update.Content);
            if (visible.Length > 0) yield return visible;
        }
        if (string.IsNullOrWhiteSpace(builder.Raw)) throw new MalformedModelOutputException("The chat model returned no text.");
        var rest = builder.Complete();
        if (rest.Length > 0) yield return rest;
    }

    private static Kernel NewKernel(IChatClient client)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(client.AsChatCompletionService());
        return builder.Build();
    }

    /// <summary>Timeouts, throttling, server errors and garbled responses are worth one more try; a 400/401/404 is not.</summary>
    private static bool IsRetryable(Exception e) => e switch
    {
        ClientResultException { Status: 400 or 401 or 403 or 404 } => false,
        HttpOperationException { StatusCode: System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Unauthorized
            or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound } => false,
        _ => true,
    };
}

/// <param name="Model">The last model tried, recorded on the decision.</param>
public sealed class GenerationFailedException(string message, string model, Exception? inner = null) : Exception(message, inner)
{
    public string Model { get; } = model;
}

public sealed class MalformedModelOutputException(string message) : Exception(message);
