namespace SupportAgent.Core.Answering.Semantic;

/// <summary>What the answer confidence is computed from, for one passage and the customer's question.</summary>
/// <param name="Sentence">Cosine similarity between the question and the passage's most similar quotable sentence.</param>
/// <param name="Heading">Cosine similarity between the question and the passage's title and heading.</param>
/// <param name="Lexical">Share of the question's content terms the passage covers (<see cref="Retrieval.LexicalConfidence"/>).</param>
public readonly record struct ConfidenceFeatures(double Sentence, double Heading, double Lexical);

/// <summary>
/// A logistic model from <see cref="ConfidenceFeatures"/> to the confidence that the passage answers the question,
/// fitted per embedding model (cosines of different models are not comparable) with <c>confidence calibrate</c> and
/// re-centred so that 0.5, the tenants' default answer threshold, sits where auto-answers were at least 95 % right on
/// the calibration data. See docs/evaluation.md for the data, the command and the fitted figures.
/// </summary>
public sealed record ConfidenceCalibration(string ModelId, double Intercept, double Sentence, double Heading, double Lexical)
{
    /// <summary>all-MiniLM-L6-v2, fitted on the demo evaluation set (docs/evaluation.md, "Answer confidence").</summary>
    public static readonly ConfidenceCalibration MiniLm = new("all-MiniLM-L6-v2", -4.185, 1.861, 5.849, 1.150);

    public static IReadOnlyList<ConfidenceCalibration> Known { get; } = [MiniLm];

    public static ConfidenceCalibration? For(string? modelId) => Known.FirstOrDefault(c => c.ModelId == modelId);

    public double Score(ConfidenceFeatures f) => Logistic(Intercept + Sentence * f.Sentence + Heading * f.Heading + Lexical * f.Lexical);

    public static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
