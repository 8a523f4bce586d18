namespace SupportAgent.Core.Triage;

/// <summary>The customer's tone (serialised lower-case: "neutral", "negative").</summary>
public enum Sentiment
{
    Neutral,
    Negative,
}
