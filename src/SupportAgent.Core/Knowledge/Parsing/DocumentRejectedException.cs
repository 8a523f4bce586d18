namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>The file cannot become knowledge (empty, corrupt, unsupported); the message is shown to the admin as-is.</summary>
public sealed class DocumentRejectedException(string message, Exception? inner = null) : Exception(message, inner);
