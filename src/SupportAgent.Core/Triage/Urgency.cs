namespace SupportAgent.Core.Triage;

/// <summary>How soon a person must look (serialised lower-case: "normal", "high").</summary>
public enum Urgency
{
    Normal,
    High,
}
