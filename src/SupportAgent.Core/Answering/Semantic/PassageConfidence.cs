using SupportAgent.Core.Retrieval;

namespace SupportAgent.Core.Answering.Semantic;

/// <summary>
/// The answer/escalate confidence of each retrieved passage. With a calibrated sentence-embedding model it is a
/// calibrated score built mainly from how close in meaning the question is to the passage's best sentence and its
/// heading, with lexical coverage as one input; customers rarely use an article's words, so coverage alone escalated
/// most paraphrases. With a lexical or uncalibrated embedder the score stays the lexical coverage.
/// </summary>
public sealed class PassageConfidence(SentenceEmbeddings embeddings)
{
    public bool Calibrated => embeddings.Semantic && ConfidenceCalibration.For(embeddings.ModelId) is not null;

    public async Task<IReadOnlyList<Passage>> ScoreAsync(string question, IReadOnlyList<Passage> passages, CancellationToken ct)
    {
        if (passages.Count == 0 || ConfidenceCalibration.For(embeddings.ModelId) is not { } calibration || !embeddings.Semantic) return passages;
        var features = await FeaturesAsync(question, passages, ct);
        return [.. passages.Select((p, i) => p with { Confidence = calibration.Score(features[i]) })];
    }

    /// <summary>The calibration inputs for each passage (also used by <c>confidence calibrate</c> to fit the model).</summary>
    public async Task<IReadOnlyList<ConfidenceFeatures>> FeaturesAsync(string question, IReadOnlyList<Passage> passages, CancellationToken ct)
    {
        var query = await embeddings.QueryAsync(question, ct);
        var sentences = passages.Select(p => PassageSentences.Split(p.Chunk.Text).Where(s => s.Quotable).Select(s => s.Text).ToList()).ToList();
        var headings = passages.Select(p => string.IsNullOrEmpty(p.Chunk.Heading) || p.Chunk.Heading == p.Chunk.Title ? p.Chunk.Title : $"{p.Chunk.Title}: {p.Chunk.Heading}").ToList();
        var vectors = await embeddings.PassagesAsync([.. sentences.SelectMany(s => s), .. headings], ct);
        var features = new List<ConfidenceFeatures>(passages.Count);
        var offset = 0;
        for (var i = 0; i < passages.Count; i++)
        {
            var best = 0.0;
            for (var j = 0; j < sentences[i].Count; j++) best = Math.Max(best, SentenceEmbeddings.Cosine(query, vectors[offset + j]));
            offset += sentences[i].Count;
            features.Add(new ConfidenceFeatures(best, 0, LexicalConfidence.Score(question, passages[i].Chunk)));
        }
        for (var i = 0; i < passages.Count; i++)
            features[i] = features[i] with { Heading = SentenceEmbeddings.Cosine(query, vectors[offset + i]) };
        return features;
    }
}
