namespace SupportAgent.Core.Answering.Semantic;

/// <summary>What the answer confidence is computed from, for one passage and the customer's question.</summary>
/// <param name="Sentence">Cosine similarity between the question and the passage's most similar quotable sentence.</param>
/// <param name="Heading">Cosine similarity between the question and the passage's title and heading.</param>
/// <param name="Lexical">Share of the question's content terms the passage covers (<see cref="Retrieval.LexicalConfidence"/>).</param>
/// <param name="Passage">Cosine similarity between the question and the whole passage (title, heading and text).</param>
/// <param name="Gap">
/// How far this passage's semantic match (the better of sentence and passage) leads the best passage of any other
/// document: positive when one article clearly answers, near zero when two articles are equally plausible.
/// </param>
public readonly record struct ConfidenceFeatures(double Sentence, double Heading, double Lexical, double Passage = 0, double Gap = 0)
{
    public static readonly string[] Names = ["sentence", "heading", "lexical", "passage", "gap"];

    public double[] ToArray() => [Sentence, Heading, Lexical, Passage, Gap];
}

/// <summary>
/// A logistic model from <see cref="ConfidenceFeatures"/> to the confidence that the passage answers the question,
/// fitted per embedding model (cosines of different models are not comparable) with <c>confidence calibrate</c> and
/// re-centred so that 0.5, the tenants' default answer threshold, sits where auto-answers were at least 95 % right on
/// the calibration data. See docs/evaluation.md for the data, the command and the fitted figures.
/// </summary>
/// <param name="Weights">One weight per feature, in the order of <see cref="ConfidenceFeatures.Names"/>.</param>
public sealed record ConfidenceCalibration(string ModelId, double Intercept, IReadOnlyList<double> Weights)
{
    /// <summary>all-MiniLM-L6-v2, fitted on the demo evaluation set with every case that must escalate kept below 0.5 (docs/evaluation.md, "Answer confidence").</summary>
    public static readonly ConfidenceCalibration MiniLm = new("all-MiniLM-L6-v2", -6.489, [4.245, 0, 5.274, 5.799, 0]);

    public static IReadOnlyList<ConfidenceCalibration> Known { get; } = [MiniLm];

    public static ConfidenceCalibration? For(string? modelId) => Known.FirstOrDefault(c => c.ModelId == modelId);

    public double Score(ConfidenceFeatures f) => Logistic(Logit(f));

    public double Logit(ConfidenceFeatures f)
    {
        var x = f.ToArray();
        var z = Intercept;
        for (var i = 0; i < x.Length && i < Weights.Count; i++) z += Weights[i] * x[i];
        return z;
    }

    public static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
