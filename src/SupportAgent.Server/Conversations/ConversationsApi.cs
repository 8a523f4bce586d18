using SupportAgent.Server.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportAgent.Core.Conversations;
using SupportAgent.Server.Auth;
using SupportAgent.Server.RateLimiting;

namespace SupportAgent.Server.Conversations;

public static class ConversationsApi
{
    /// <summary>The token is the conversation's secret: every later call about it must carry it (<c>X-Conversation-Token</c>).</summary>
    /// <param name="MaxMessageLength">The server's limit on a customer message, so the widget enforces the configured value, not a copy.</param>
    public sealed record StartResponse(string ConversationId, string ConversationToken, int MaxMessageLength);
    public sealed record PostMessageRequest([property: MessageText] string? Text);

    public static RouteGroupBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("conversations", "Conversations").RequireAuthorization(Policies.Widget);
        group.MapPost("/", StartAsync).RateLimited(RateLimitCategory.Conversations).WithSummary("Start a conversation (widget key).");
        group.MapPost("/{c}/messages", PostMessageAsync).AddEndpointFilter<ConversationTokenFilter>().RateLimited(RateLimitCategory.Messages)
            .WithSummary("Send a customer message (header X-Conversation-Token); the reply is answered or escalated.");
        return group;
    }

    private static async Task<Created<StartResponse>> StartAsync(CurrentTenant tenant, ChatService chat, ConversationTokens tokens,
        MessageValidation validation, HttpContext http, CancellationToken ct)
    {
        var conversation = await chat.StartAsync(tenant.Id, isEvaluation: false, ct);
        var token = await tokens.IssueAsync(http.User, tenant.Id, conversation.Id, ct);
        return TypedResults.Created($"/api/tenants/{tenant.Id}/conversations/{conversation.Id}", new StartResponse(conversation.Id, token, validation.MaxLength));
    }

    private static async Task<Results<Ok<ChatReply>, ProblemHttpResult>> PostMessageAsync(
        string c, PostMessageRequest request, CurrentTenant tenant, ChatService chat, CancellationToken ct)
    {
        var found = await chat.FindWithTenantAsync(tenant.Id, c, ct);
        if (found is null)
            return TypedResults.Problem(statusCode: 404, detail: $"Conversation '{c}' does not exist in tenant '{tenant.Id}'.");
        return TypedResults.Ok(await chat.HandleAsync(found, request.Text!.Trim(), ct));
    }
}
