namespace SupportAgent.Core.Adapters;

/// <summary>Only an <see cref="Active"/> adapter receives traffic; the others leave the tenant on the base model.</summary>
public enum AdapterStatus
{
    /// <summary>Served on the stated base model, but not yet shown to be at least as good as the base model.</summary>
    Registered,
    Active,
    /// <summary>Taken out of traffic after repeated failures; activate again once the server is fixed.</summary>
    Suspended,
}
