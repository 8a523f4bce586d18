using System.Runtime.CompilerServices;

namespace SupportAgent.Core.Answering;

public interface IAnswerGenerator
{
    Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken ct);

    /// <summary>
    /// The answer as it is produced: checked text deltas, then the finished answer. Generators that do not stream
    /// (the extractive answerer) yield only the finished answer.
    /// </summary>
    async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return AnswerUpdate.Finished(await GenerateAsync(request, ct));
    }
}
