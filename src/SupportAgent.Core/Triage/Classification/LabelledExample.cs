namespace SupportAgent.Core.Triage.Classification;

/// <summary>One labelled message: the unit of a tenant's taxonomy.</summary>
public sealed record LabelledExample(string Text, string Category);
