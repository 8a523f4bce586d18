using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Data;

namespace SupportAgent.Core.Conversations.Turns;

public static class TurnServices
{
    /// <summary>The customer turn: its stages in <see cref="TurnPipeline"/> order, the loader and the recorder.</summary>
    public static IServiceCollection AddTurnPipeline(this IServiceCollection services)
    {
        services.AddSingleton<TurnWrites>();
        services.AddScoped<TurnLoader>();
        services.AddScoped<ApprovedAnswerStage>();
        services.AddSingleton<TriageStage>();
        services.AddSingleton<RetrievalStage>();
        services.AddSingleton<PolicyStage>();
        services.AddSingleton<GenerationStage>();
        services.AddSingleton<DraftStage>();
        services.AddScoped<TurnRecorder>();
        services.AddScoped<TurnPipeline>();
        services.AddScoped<ChatService>();
        return services;
    }
}
