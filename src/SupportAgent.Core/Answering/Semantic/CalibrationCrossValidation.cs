namespace SupportAgent.Core.Answering.Semantic;

/// <summary>What a calibration did on questions it was not fitted on: the answered, right and must-escalate-answered counts of every held-back fold.</summary>
public sealed record CrossValidated(int Cases, int Answered, int Right, int MustEscalate, int MustEscalateAnswered)
{
    public double AnswerRate => Cases == 0 ? 0 : (double)Answered / Cases;
    public double Precision => Answered == 0 ? 1 : (double)Right / Answered;
}

/// <summary>
/// Question-level k-fold cross-validation of <see cref="CalibrationFit"/>: fit and centre on the other folds, decide the
/// held-back fold at 0.5. A calibration fitted and scored on the same questions always looks safe (its cut sits just
/// above the cases that must escalate); this says how it does on questions it has not seen, which is how the margin
/// of <see cref="CalibrationFit.Centre"/> is chosen.
/// </summary>
public static class CalibrationCrossValidation
{
    public static CrossValidated Run(string modelId, IReadOnlyList<CalibrationRow> rows, int folds, double precision, double margin, int seed = 1)
    {
        // Folds by question, shuffled with a fixed seed so runs compare; a question's passages stay together.
        var ids = rows.Select(r => r.CaseId).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        var fold = ids.OrderBy(_ => random.Next()).Select((id, i) => (id, i % folds)).ToDictionary(x => x.id, x => x.Item2);
        int cases = 0, answered = 0, right = 0, mustEscalate = 0, mustEscalateAnswered = 0;
        for (var f = 0; f < folds; f++)
        {
            var train = rows.Where(r => fold[r.CaseId] != f).ToList();
            var test = rows.Where(r => fold[r.CaseId] == f).ToList();
            if (train.Count == 0 || test.Count == 0) continue;
            var (centred, _) = CalibrationFit.Centre(CalibrationFit.Fit(modelId, train), train, precision, margin);
            foreach (var g in test.GroupBy(r => r.CaseId))
            {
                var isAnswered = g.Max(r => centred.Score(r.Features)) >= 0.5;
                var escalate = g.Any(r => r.MustEscalate);
                cases++;
                if (escalate) mustEscalate++;
                if (!isAnswered) continue;
                answered++;
                if (g.Any(r => r.Rank < CalibrationFit.Cited && r.Answers)) right++;
                if (escalate) mustEscalateAnswered++;
            }
        }
        return new CrossValidated(cases, answered, right, mustEscalate, mustEscalateAnswered);
    }
}
