using Microsoft.ML.Tokenizers;

namespace SupportAgent.Core.Knowledge.Chunking;

/// <summary>Counts tokens with cl100k (the GPT-4 family's encoding) so chunk sizes match what an LLM prompt will cost.</summary>
public sealed class TokenCounter
{
    private readonly Tokenizer tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    public int Count(string text) => tokenizer.CountTokens(text);
}
