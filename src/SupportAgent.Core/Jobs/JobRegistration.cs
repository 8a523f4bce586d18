using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.Core.Jobs;

/// <summary>A registered kind, and whether this process runs it (a host may leave a kind to other processes).</summary>
/// <param name="Batch">Jobs of the kind a worker claims and runs together (its handler is an <see cref="IBatchJobHandler"/>).</param>
public sealed record JobKindRegistration(string Kind, Func<IServiceProvider, bool> Enabled, int Batch = 1);

public static class JobRegistration
{
    /// <summary>The job table, its runner, and no handlers yet (features add theirs with <see cref="AddJobHandler{T}"/>).</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddScoped<JobStore>();
        services.AddSingleton<JobSignal>();
        return services;
    }

    /// <summary>Starts the workers. Register after anything that must finish first at start (migrations): hosted services start in order.</summary>
    public static IServiceCollection AddJobRunner(this IServiceCollection services) => services.AddHostedService<JobRunner>();

    public static IServiceCollection AddJobHandler<T>(this IServiceCollection services, string kind, Func<IServiceProvider, bool>? enabled = null)
        where T : class, IJobHandler
    {
        services.AddKeyedScoped<IJobHandler, T>(kind);
        services.AddSingleton(new JobKindRegistration(kind, enabled ?? (_ => true)));
        return services;
    }

    /// <summary>A kind whose jobs are worth running together, up to <paramref name="batch"/> at a time (see <see cref="IBatchJobHandler"/>).</summary>
    public static IServiceCollection AddBatchJobHandler<T>(this IServiceCollection services, string kind, int batch, Func<IServiceProvider, bool>? enabled = null)
        where T : class, IBatchJobHandler
    {
        services.AddKeyedScoped<IJobHandler, T>(kind);
        services.AddSingleton(new JobKindRegistration(kind, enabled ?? (_ => true), batch));
        return services;
    }
}
