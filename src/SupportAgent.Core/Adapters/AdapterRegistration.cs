using SupportAgent.Core.Outcomes;

namespace SupportAgent.Core.Adapters;

/// <summary>What an admin registers. Validated here so the HTTP layer and any other caller get the same messages.</summary>
public sealed record AdapterRegistration(string? Name, string? BaseModel, string? Endpoint, string? ApiKey)
{
    /// <summary>Null when the registration is well formed; otherwise the refusal naming the first wrong member.</summary>
    public Refusal? Check()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200 || Name.Any(char.IsWhiteSpace))
            return Refusal.Invalid("Adapter 'name' is required: the exact model name the server serves it under (no spaces, at most 200 characters).");
        if (string.IsNullOrWhiteSpace(BaseModel) || BaseModel.Length > 200)
            return Refusal.Invalid("'baseModel' is required: the base model the adapter was trained on, as the server lists it (e.g. 'meta-llama/Llama-3.1-8B-Instruct').");
        if (OutboundEndpointGuard.CheckSyntax(Endpoint) is { } endpointRefused) return endpointRefused;
        if (ApiKey is { Length: > 4096 }) return Refusal.Invalid("'apiKey' must be at most 4096 characters.");
        return null;
    }

    /// <summary>The server root: both <c>http://host:8000</c> and <c>http://host:8000/v1/</c> are accepted.</summary>
    public string NormalizedEndpoint()
    {
        var endpoint = Endpoint!.Trim().TrimEnd('/');
        return endpoint.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? endpoint[..^3] : endpoint;
    }
}
