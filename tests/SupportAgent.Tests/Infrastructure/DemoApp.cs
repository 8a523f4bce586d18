namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// A server with the demo tenant seeded from knowledge/demo, shared by the tests about the demo (a collection
/// fixture): seeding the demo documents is the slow part of those tests, and none of them changes the documents.
/// </summary>
public sealed class DemoApp : IDisposable
{
    public const string WidgetKey = "demo-widget-key";

    public SupportAgentApp App { get; } = Configure(new SupportAgentApp());

    /// <summary>The demo configuration on any data directory (a second server on the same one is a restart).</summary>
    public static SupportAgentApp Configure(SupportAgentApp app) => app
        .With("SupportAgent:Demo:Seed", "true")
        .With("SupportAgent:Demo:WidgetKey", WidgetKey)
        .With("SupportAgent:Demo:AdminKey", "demo-admin-key")
        .With("SupportAgent:Demo:StaffKey", "demo-staff-key");

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoApp>
{
    public const string Name = "demo tenant";
}
