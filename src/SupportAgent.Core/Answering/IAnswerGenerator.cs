namespace SupportAgent.Core.Answering;

public interface IAnswerGenerator
{
    Task<GeneratedAnswer> GenerateAsync(AnswerRequest request, CancellationToken ct);
}
