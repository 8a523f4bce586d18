using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration;

/// <summary>The test host applies a <see cref="SupportAgentApp.WithServices"/> override once, after the product's registrations.</summary>
public sealed class ServiceOverrideTests
{
    private sealed class Marker;

    [Fact]
    public async Task AServiceOverrideIsAppliedExactlyOnceAndAfterTheProductsOwnRegistrations()
    {
        var applied = 0;
        var productIndexSeen = false;
        using var app = new SupportAgentApp().WithServices(services =>
        {
            applied++;
            productIndexSeen = services.Any(d => d.ServiceType == typeof(IKnowledgeIndex));
            services.AddSingleton(new Marker());
        });

        using var client = app.CreateClient();
        Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode);

        Assert.Equal(1, applied);
        Assert.True(productIndexSeen, "the override ran before the product registered its services, so it could not replace them");
        Assert.Single(app.Services.GetServices<Marker>());
    }
}
