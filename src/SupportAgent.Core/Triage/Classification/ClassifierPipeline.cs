using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// Feature engineering for short customer messages: TF-IDF over stemmed word uni+bigrams plus TF-IDF over raw
/// character 2–5-grams (robust to typos and morphology), each L2-normalised, plus the message's sentence embedding
/// when the tenant has a semantic embedder (it carries meaning across wordings no n-gram shares: "card got eaten by
/// the ATM" / "machine swallowed my card"), into a maximum-entropy model whose scores are class probabilities.
/// ML.NET's default featurizer (word unigrams + char trigrams, no IDF) is weaker on short, paraphrased intents.
/// </summary>
internal static class ClassifierPipeline
{
    public static IEstimator<ITransformer> Build(MLContext ml, int vectorDimensions)
    {
        var words = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var chars = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = null,
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 5, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        // With sentence vectors the character n-grams are left out: the vectors already carry what they add (typos,
        // morphology), and their tens of thousands of sparse dimensions made SDCA converge many times slower. On the first
        // BANKING77 fifth: 41 s -> 10 s of SDCA for 2,000 messages at the same accuracy; a full fold in about 40 s instead
        // of 1,100-2,400 s (docs/evaluation.md).
        var featurise = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("WordFeatures", words, nameof(ClassifierInput.Stemmed)));
        var withFeatures = vectorDimensions > 0
            ? featurise.Append(ml.Transforms.Concatenate("Features", "WordFeatures", nameof(ClassifierInput.Vector)))
            : featurise.Append(ml.Transforms.Text.FeaturizeText("CharFeatures", chars, nameof(ClassifierInput.Text)))
                .Append(ml.Transforms.Concatenate("Features", "WordFeatures", "CharFeatures"));
        // SDCA passes over the examples until it converges: hundreds of passes for a small taxonomy (455 for 18 examples).
        // Without this cache every pass tokenised the messages and counted their n-grams again, most of a training's time;
        // now the features are computed once (docs/evaluation.md, "Training speed").
        return withFeatures.AppendCacheCheckpoint(ml)
            // SDCA with its automatic L2 and convergence-based stopping (0.870 on a held-back fifth of BANKING77) beat
            // hand-set L2 = 1e-4 / 30 epochs (0.833); L-BFGS with L2 = 1 scored 0.878 but trained 4.5 times slower,
            // too slow for retraining on upload. See docs/evaluation.md.
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
    }
}
