namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>An earlier turn of the conversation. Assistant and staff turns matter too: they often name the entity ("the Avalon has…").</summary>
public sealed record ConversationTurn(bool FromCustomer, string Text);
