using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.Tests.Infrastructure;

public static class HubClientJson
{
    /// <summary>The hub sends enums as lower-case strings ("answered", "high"); a .NET client reads them into the same enums.</summary>
    public static IHubConnectionBuilder WithEnumsAsStrings(this IHubConnectionBuilder builder) =>
        builder.AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
}
