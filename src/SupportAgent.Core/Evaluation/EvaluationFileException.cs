namespace SupportAgent.Core.Evaluation;

/// <summary>The evaluation file is not valid; the message names the line and what is wrong with it.</summary>
public sealed class EvaluationFileException(string message) : Exception(message);
