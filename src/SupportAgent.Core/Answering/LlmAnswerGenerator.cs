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
    public async Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken ct)
    {
        var routes = await router.RoutesAsync(request.TenantId, ct);
        if (routes.Count == 0 || request.Passages.Count == 0) return await extractive.GenerateAsync(request, ct);

        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                var builder = new GroundedAnswerBuilder(request.Passages);
                try
                {
                    var tokens = await StreamAsync(route, request, builder, ct);
                    await router.ReportAsync(request.TenantId, route, succeeded: true, ct);
                    return builder.Grounded
                        ? new GeneratedAnswer(builder.Released, builder.Citations, route.Model, Grounded: true, tokens, route.Adapter, Fallback: i > 0)
                        : new GeneratedAnswer(builder.Raw, [], route.Model, Grounded: false, tokens, route.Adapter, Fallback: i > 0);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    log.LogWarning(e, "Chat model {Model} attempt {Attempt} failed for tenant {Tenant}", route.Model, attempt, request.TenantId);
                    // Text already shown to the customer cannot be taken back, so a retry could only contradict it.
                    if (builder.Released.Length > 0)
                    {
                        await router.ReportAsync(request.TenantId, route, succeeded: false, ct);
                        throw new GenerationFailedException("The model failed mid-answer.", route.Model, e);
                    }
                    if (attempt == 2 || !IsRetryable(e)) break;
                    await Task.Delay(TimeSpan.FromMilliseconds(options.Value.RetryBackoffMs), clock, ct);
                }
            }
            await router.ReportAsync(request.TenantId, route, succeeded: false, ct);
        }
        throw new GenerationFailedException($"All {routes.Count} chat model route(s) failed.", routes[^1].Model);
    }

    /// <summary>Runs the Semantic Kernel prompt on the route, feeding tokens through the grounding gate; returns the chunk count.</summary>
    private async Task<int> StreamAsync(ChatRoute route, AnswerRequest request, GroundedAnswerBuilder builder, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var kernel = KernelFor(route);
        var settings = new PromptExecutionSettings { ModelId = route.Model };
        var arguments = GroundedPrompt.Arguments(request, request.TenantName ?? request.TenantId, settings);
        var chunks = 0;
        try
        {
            await foreach (var update in kernel.InvokePromptStreamingAsync<StreamingChatMessageContent>(GroundedPrompt.Template, arguments, cancellationToken: timeout.Token))
            {
                if (string.IsNullOrEmpty(update.Content)) continue;
                chunks++;
                var visible = builder.Append(update.Content);
                if (visible.Length > 0 && request.OnText is not null) await request.OnText(visible, ct);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The chat model did not finish within {options.Value.TimeoutSeconds} s.");
        }
        if (string.IsNullOrWhiteSpace(builder.Raw)) throw new MalformedModelOutputException("The chat model returned no text.");
        var rest = builder.Complete();
        if (rest.Length > 0 && request.OnText is not null) await request.OnText(rest, ct);
        return chunks;
    }

    private static Kernel KernelFor(ChatRoute route)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(route.Client.AsChatCompletionService());
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
