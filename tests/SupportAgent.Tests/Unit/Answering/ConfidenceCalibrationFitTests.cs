using SupportAgent.Core.Answering.Semantic;

namespace SupportAgent.Tests.Unit.Answering;

public sealed class ConfidenceCalibrationFitTests
{
    /// <summary>Twenty questions whose right passages are more similar to them than the passages of questions with no answer.</summary>
    private static List<CalibrationRow> Rows()
    {
        var rows = new List<CalibrationRow>();
        for (var q = 0; q < 20; q++)
        {
            var answerable = q < 15;
            var similarity = answerable ? 0.55 + q * 0.02 : 0.30 + (q - 15) * 0.05;
            rows.Add(new CalibrationRow($"q{q}", 0, new ConfidenceFeatures(similarity, 0.4, 0.5, similarity - 0.05), answerable));
            rows.Add(new CalibrationRow($"q{q}", 1, new ConfidenceFeatures(similarity - 0.2, 0.3, 0.3, similarity - 0.25), false));
        }
        return rows;
    }

    [Fact]
    public void TheCentredCalibrationAnswersAtTheDefaultThresholdOnlyWhereThePrecisionTargetHolds()
    {
        var rows = Rows();
        var (centred, point) = CalibrationFit.Centre(CalibrationFit.Fit("m", rows), rows, 0.95);

        var atDefault = CalibrationFit.Curve(centred, rows, [0.5])[0];
        Assert.True(atDefault.Precision >= 0.95, $"precision {atDefault.Precision}");
        Assert.Equal(15, atDefault.Answered);
        Assert.Equal(point.Answered, atDefault.Answered);
    }

    [Fact]
    public void AQuestionCountsAsRightWhenAnyOfTheQuotedPassagesComesFromAnExpectedDocument()
    {
        var rows = new List<CalibrationRow>
        {
            new("q", 0, new ConfidenceFeatures(0.8, 0.5, 0.5, 0.7), false),
            new("q", 2, new ConfidenceFeatures(0.6, 0.5, 0.5, 0.5), true),
            new("r", 0, new ConfidenceFeatures(0.8, 0.5, 0.5, 0.7), false),
            new("r", 3, new ConfidenceFeatures(0.6, 0.5, 0.5, 0.5), true),
        };

        var questions = CalibrationFit.Questions(rows).ToDictionary(q => q.CaseId, q => q.Right);

        Assert.True(questions["q"]);
        Assert.False(questions["r"]);
    }

    [Fact]
    public void FeaturesLeftOutOfTheFitKeepAZeroWeight()
    {
        var fitted = CalibrationFit.Fit("m", Rows());

        Assert.Equal(0, fitted.Weights[Array.IndexOf(ConfidenceFeatures.Names, "heading")]);
        Assert.Equal(0, fitted.Weights[Array.IndexOf(ConfidenceFeatures.Names, "gap")]);
        Assert.True(fitted.Weights[Array.IndexOf(ConfidenceFeatures.Names, "sentence")] > 0);
    }

    [Fact]
    public void CentringKeepsAQuestionTheKnowledgeDoesNotCoverBelowTheDefaultThresholdEvenWithinThePrecisionBudget()
    {
        // Forty answerable questions, ten unrelated ones far below them, and one the knowledge does not cover, as similar as
        // the middle of the answerable ones: answering it would cost 1/41 of precision, well inside a 5 % budget, yet it
        // must still escalate.
        var rows = new List<CalibrationRow>();
        for (var q = 0; q < 10; q++)
            rows.Add(new CalibrationRow($"w{q}", 0, new ConfidenceFeatures(0.10 + q * 0.01, 0.4, 0.5, 0.10 + q * 0.01), false));
        for (var q = 0; q < 40; q++)
        {
            var similarity = 0.40 + q * 0.01;
            rows.Add(new CalibrationRow($"q{q}", 0, new ConfidenceFeatures(similarity, 0.4, 0.5, similarity), true));
        }
        rows.Add(new CalibrationRow("uncovered", 0, new ConfidenceFeatures(0.605, 0.4, 0.5, 0.605), false, MustEscalate: true));

        var (centred, point) = CalibrationFit.Centre(CalibrationFit.Fit("m", rows), rows, 0.95);

        Assert.Equal(0, point.MustEscalateAnswered);
        Assert.True(centred.Score(rows[^1].Features) < 0.5, $"uncovered scored {centred.Score(rows[^1].Features):F3}");
        Assert.True(centred.Score(rows[40].Features) >= 0.5, $"an answerable question above it scored {centred.Score(rows[40].Features):F3}");
    }

    [Fact]
    public void AMarginKeepsTheCutThatFarAboveTheHighestQuestionThatMustEscalate()
    {
        var rows = Rows();
        rows.Add(new CalibrationRow("uncovered", 0, new ConfidenceFeatures(0.50, 0.4, 0.5, 0.45), false, MustEscalate: true));
        var fitted = CalibrationFit.Fit("m", rows);

        var (plain, _) = CalibrationFit.Centre(fitted, rows, 0.95);
        var (margined, _) = CalibrationFit.Centre(fitted, rows, 0.95, margin: 1.0);

        var uncovered = rows[^1].Features;
        Assert.True(plain.Logit(uncovered) < 0, $"plain logit {plain.Logit(uncovered):F3}");
        Assert.True(margined.Logit(uncovered) <= -1.0 + 1e-9, $"margined logit {margined.Logit(uncovered):F3}");
        Assert.True(CalibrationFit.Curve(margined, rows, [0.5])[0].Answered < CalibrationFit.Curve(plain, rows, [0.5])[0].Answered);
    }

    [Fact]
    public void CrossValidationDecidesEveryQuestionOnceWithACalibrationThatNeverSawIt()
    {
        var rows = Rows();

        var cv = CalibrationCrossValidation.Run("m", rows, folds: 5, precision: 0.95, margin: 0);

        Assert.Equal(20, cv.Cases);
        // Every question is decided by a fit of the other four fifths: the clearly answerable ones are answered and right.
        Assert.True(cv.Right >= 13, $"right {cv.Right} of {cv.Answered} answered");
        Assert.True(cv.Precision >= 0.9, $"precision {cv.Precision:F3}");
        Assert.Equal(0, cv.MustEscalate);
    }
}
