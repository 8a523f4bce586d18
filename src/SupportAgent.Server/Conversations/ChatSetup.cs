using SupportAgent.Core.Conversations;

namespace SupportAgent.Server.Conversations;

public static class ChatSetup
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MessageValidation>();
        builder.Services.AddSingleton<IChatNotifier, HubChatNotifier>();
        return builder;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        app.MapConversations();
        app.MapFeedback();
        app.MapHub<ChatHub>("/hubs/chat");
        return app;
    }
}
