namespace SupportAgent.Core.Answering.Semantic;

/// <summary>One retrieved passage of a labelled question: its features, and whether its document answers the question.</summary>
/// <param name="MustEscalate">The case is one the tenant's knowledge does not answer: the agent must never answer it.</param>
public sealed record CalibrationRow(string CaseId, int Rank, ConfidenceFeatures Features, bool Answers, bool MustEscalate = false);

/// <summary>At a threshold: the share of questions answered, the share of those answered from a right passage, and how many that must escalate were answered.</summary>
public sealed record OperatingPoint(double Threshold, double AnswerRate, double Precision, int Answered, int Cases, int MustEscalateAnswered = 0);

/// <summary>
/// Fits <see cref="ConfidenceCalibration"/> at the level of questions, which is where the agent decides: one row per
/// question, the features of its most similar passage (sentence plus passage cosine), labelled right when one of the
/// first <see cref="Cited"/> passages comes from a document the case expects (the extractive answer quotes from those).
/// Logistic regression by plain gradient descent with a little L2 (a handful of weights: no library needed); then the
/// lowest threshold whose auto-answers are at least the target precision, and the intercept shifted so that threshold
/// becomes 0.5. Fitting passage by passage (right document or not) was tried first: it learns to rank passages, which
/// retrieval already does, and at the same precision answered fewer questions (docs/evaluation.md).
/// </summary>
public static class CalibrationFit
{
    /// <summary>How many of the first passages the extractive answer may quote from.</summary>
    public const int Cited = 3;

    /// <summary>The features the shipped calibrations use; heading similarity and the document gap did not help in cross-validation.</summary>
    public static readonly string[] DefaultFeatures = ["sentence", "lexical", "passage"];

    public static ConfidenceCalibration Fit(string modelId, IReadOnlyList<CalibrationRow> rows, IReadOnlyList<string>? features = null,
        int iterations = 20_000, double rate = 0.5, double l2 = 1e-3)
    {
        var used = (features ?? DefaultFeatures).Select(f => Array.IndexOf(ConfidenceFeatures.Names, f)).ToArray();
        if (used.Any(i => i < 0)) throw new ArgumentException($"Features are {string.Join(", ", ConfidenceFeatures.Names)}.", nameof(features));
        var questions = Questions(rows).ToList();
        var x = questions.Select(q => q.Best.Features.ToArray()).ToArray();
        var weights = new double[ConfidenceFeatures.Names.Length];
        var gradient = new double[weights.Length];
        double b = 0;
        var n = questions.Count;
        for (var it = 0; it < iterations; it++)
        {
            double gb = 0;
            Array.Clear(gradient);
            for (var r = 0; r < n; r++)
            {
                var z = b;
                foreach (var j in used) z += weights[j] * x[r][j];
                var error = ConfidenceCalibration.Logistic(z) - (questions[r].Right ? 1 : 0);
                gb += error;
                foreach (var j in used) gradient[j] += error * x[r][j];
            }
            b -= rate * gb / n;
            foreach (var j in used) weights[j] -= rate * (gradient[j] / n + l2 * weights[j]);
        }
        return new ConfidenceCalibration(modelId, b, weights);
    }

    /// <summary>Each question's most similar passage, and whether answering it would quote a right document.</summary>
    public static IEnumerable<(string CaseId, CalibrationRow Best, bool Right)> Questions(IReadOnlyList<CalibrationRow> rows) =>
        rows.GroupBy(r => r.CaseId).Select(g => (g.Key, g.MaxBy(r => r.Features.Sentence + r.Features.Passage)!, g.Any(r => r.Rank < Cited && r.Answers)));

    /// <summary>Answer rate and precision over the questions at each threshold, the most confident passage deciding.</summary>
    public static List<OperatingPoint> Curve(ConfidenceCalibration calibration, IReadOnlyList<CalibrationRow> rows, IEnumerable<double> thresholds)
    {
        var cases = rows.GroupBy(r => r.CaseId)
            .Select(g => (Score: g.Max(r => calibration.Score(r.Features)), Right: g.Any(r => r.Rank < Cited && r.Answers), MustEscalate: g.Any(r => r.MustEscalate)))
            .ToList();
        return [.. thresholds.Select(t =>
        {
            var answered = cases.Where(c => c.Score >= t).ToList();
            return new OperatingPoint(t, (double)answered.Count / cases.Count, answered.Count == 0 ? 1 : (double)answered.Count(c => c.Right) / answered.Count,
                answered.Count, cases.Count, answered.Count(c => c.MustEscalate));
        })];
    }

    /// <summary>
    /// The lowest threshold reaching <paramref name="precision"/> (most questions answered) at which no question the
    /// knowledge does not answer is answered, and the calibration re-centred on it. Precision alone lets a few such
    /// questions through when many answerable ones sit beside them; a customer asking what the help centre does not
    /// cover must reach a person, so those cases are a hard floor, not part of the 5 % budget.
    /// </summary>
    /// <param name="margin">
    /// Logits the cut keeps above the highest-scoring case that must escalate. The fitted cases set the cut, so an unseen
    /// question the knowledge does not cover lands just as close to it; a margin trades a few answers for that case
    /// (chosen by <see cref="CalibrationCrossValidation"/>, docs/evaluation.md).
    /// </param>
    public static (ConfidenceCalibration Centred, OperatingPoint Point) Centre(ConfidenceCalibration fitted, IReadOnlyList<CalibrationRow> rows, double precision,
        double margin = 0)
    {
        // Thresholds are tried at the questions' own scores (logits), lowest first, so a fit whose scores crowd near 0 or 1
        // is resolved as finely as the data; the cut goes midway to the next lower question, not onto a question's score.
        var cases = rows.GroupBy(r => r.CaseId)
            .Select(g => (Logit: g.Max(r => fitted.Logit(r.Features)), Right: g.Any(r => r.Rank < Cited && r.Answers), MustEscalate: g.Any(r => r.MustEscalate)))
            .OrderBy(c => c.Logit).ToList();
        var cut = cases.Count == 0 ? 0 : cases[^1].Logit + 1;
        for (var i = 0; i < cases.Count; i++)
        {
            var answered = cases.Skip(i).ToList();
            if (answered.Any(c => c.MustEscalate) || (double)answered.Count(c => c.Right) / answered.Count < precision) continue;
            cut = i == 0 ? cases[0].Logit - 0.01 : (cases[i - 1].Logit + cases[i].Logit) / 2;
            break;
        }
        if (cases.Where(c => c.MustEscalate).Select(c => c.Logit).DefaultIfEmpty(double.NegativeInfinity).Max() is var highest && highest + margin > cut)
            cut = highest + margin;
        var centred = fitted with { Intercept = fitted.Intercept - cut };
        return (centred, Curve(centred, rows, [0.5])[0]);
    }
}
