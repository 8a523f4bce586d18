using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Triage.Classification;

public sealed class TriageOptions
{
    public const string SectionName = "SupportAgent:Triage";

    /// <summary>
    /// How often a replica asks the database whether a tenant's classifier has a newer version (trained on another
    /// replica). One indexed lookup per tenant per interval, off the hot path the rest of the time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ModelRefresh { get; set; } = TimeSpan.FromSeconds(10);
}
