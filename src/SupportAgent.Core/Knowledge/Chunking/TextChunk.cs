namespace SupportAgent.Core.Knowledge.Chunking;

public sealed record TextChunk(string? Heading, string Text, int Tokens);
