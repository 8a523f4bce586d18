namespace SupportAgent.Core.Answering.Semantic;

/// <summary>One retrieved passage of a labelled question: its features, and whether its document answers the question.</summary>
public sealed record CalibrationRow(string CaseId, int Rank, ConfidenceFeatures Features, bool Answers);

/// <summary>At a threshold: the share of questions answered, and the share of those answered from a right passage.</summary>
public sealed record OperatingPoint(double Threshold, double AnswerRate, double Precision, int Answered, int Cases);

/// <summary>
/// Fits <see cref="ConfidenceCalibration"/> by logistic regression (plain gradient descent with a little L2 on four
/// weights: no library needed) and finds the lowest threshold whose auto-answers are at least the target precision,
/// where a question counts as answered when its best passage clears the threshold and as right when that passage's
/// document is one the case expects. The intercept is then shifted so that threshold becomes 0.5.
/// </summary>
public static class CalibrationFit
{
    public static ConfidenceCalibration Fit(string modelId, IReadOnlyList<CalibrationRow> rows, int iterations = 20_000, double rate = 0.5, double l2 = 1e-3)
    {
        double b = 0, ws = 0, wh = 0, wl = 0;
        var n = rows.Count;
        for (var it = 0; it < iterations; it++)
        {
            double gb = 0, gs = 0, gh = 0, gl = 0;
            foreach (var r in rows)
            {
                var f = r.Features;
                var error = ConfidenceCalibration.Logistic(b + ws * f.Sentence + wh * f.Heading + wl * f.Lexical) - (r.Answers ? 1 : 0);
                gb += error; gs += error * f.Sentence; gh += error * f.Heading; gl += error * f.Lexical;
            }
            b -= rate * gb / n;
            ws -= rate * (gs / n + l2 * ws);
            wh -= rate * (gh / n + l2 * wh);
            wl -= rate * (gl / n + l2 * wl);
        }
        return new ConfidenceCalibration(modelId, b, ws, wh, wl);
    }

    /// <summary>Answer rate and precision over the questions at each threshold, highest confidence passage deciding.</summary>
    public static List<OperatingPoint> Curve(ConfidenceCalibration calibration, IReadOnlyList<CalibrationRow> rows, IEnumerable<double> thresholds)
    {
        var cases = rows.GroupBy(r => r.CaseId)
            .Select(g => g.Select(r => (Score: calibration.Score(r.Features), r.Answers)).MaxBy(x => x.Score))
            .ToList();
        return [.. thresholds.Select(t =>
        {
            var answered = cases.Where(c => c.Score >= t).ToList();
            return new OperatingPoint(t, (double)answered.Count / cases.Count, answered.Count == 0 ? 1 : (double)answered.Count(c => c.Answers) / answered.Count,
                answered.Count, cases.Count);
        })];
    }

    /// <summary>The lowest threshold reaching <paramref name="precision"/> (most questions answered), and the calibration re-centred on it.</summary>
    public static (ConfidenceCalibration Centred, OperatingPoint Point) Centre(ConfidenceCalibration fitted, IReadOnlyList<CalibrationRow> rows, double precision)
    {
        var grid = Enumerable.Range(1, 199).Select(i => i / 200.0);
        var point = Curve(fitted, rows, grid).Where(p => p.Precision >= precision && p.Answered > 0).OrderBy(p => p.Threshold).FirstOrDefault()
            ?? Curve(fitted, rows, [0.995])[0];
        var logit = Math.Log(point.Threshold / (1 - point.Threshold));
        return (fitted with { Intercept = fitted.Intercept - logit }, point);
    }
}
