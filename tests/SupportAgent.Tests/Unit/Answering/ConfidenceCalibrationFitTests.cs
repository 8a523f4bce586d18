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
}
