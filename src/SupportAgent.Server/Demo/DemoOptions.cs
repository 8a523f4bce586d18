namespace SupportAgent.Server.Demo;

public sealed class DemoOptions
{
    public const string SectionName = "SupportAgent:Demo";

    /// <summary>Create the <c>demo</c> tenant and ingest <see cref="KnowledgePath"/> on start.</summary>
    public bool Seed { get; set; }

    /// <summary>Folder of demo documents; empty means the repository's <c>knowledge/demo</c>, found upwards from the working directory.</summary>
    public string? KnowledgePath { get; set; }

    /// <summary>Fixed demo keys, so the home page and README examples work; generated when empty.</summary>
    public string? AdminKey { get; set; }
    public string? StaffKey { get; set; }
    public string? WidgetKey { get; set; }

    public const string TenantId = "demo";
}
