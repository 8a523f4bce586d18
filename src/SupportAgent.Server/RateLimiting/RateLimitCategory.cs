namespace SupportAgent.Server.RateLimiting;

/// <summary>What a rate-limited endpoint costs; endpoints carry it as metadata, hub methods pass it directly.</summary>
public enum RateLimitCategory
{
    Conversations,
    Messages,
    Uploads,
}

public static class RateLimitedEndpoints
{
    /// <summary>Counts every call of this endpoint against the client's and the tenant's budget of <paramref name="category"/>.</summary>
    public static TBuilder RateLimited<TBuilder>(this TBuilder builder, RateLimitCategory category) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitedEndpoint(category));
}

/// <summary>Endpoint metadata naming the budget a call draws on.</summary>
public sealed record RateLimitedEndpoint(RateLimitCategory Category);
