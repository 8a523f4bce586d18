namespace SupportAgent.Server.Auth;

/// <summary>
/// Guards every <c>/api/tenants/{t}/conversations/{c}/…</c> route: without the conversation's token (header
/// <c>X-Conversation-Token</c>) the conversation does not exist for the caller, so an id alone reveals nothing.
/// </summary>
public sealed class ConversationTokenFilter(ConversationTokens tokens) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tenant = http.RequestServices.GetRequiredService<CurrentTenant>().Id;
        var conversation = http.GetRouteValue("c")?.ToString() ?? "";
        if (!tokens.IsValid(http.User, tenant, conversation, http.Request.Headers[ConversationTokens.Header].ToString()))
            return NotFound(tenant, conversation);
        return await next(context);
    }

    /// <summary>The one answer for a missing, wrong or expired token and for an unknown conversation alike.</summary>
    public static IResult NotFound(string tenant, string conversation) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            detail: $"Conversation '{conversation}' does not exist in tenant '{tenant}' (or its X-Conversation-Token is missing, wrong or expired).");
}
