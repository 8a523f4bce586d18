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
        var sentences = passages.Select(p => PassageSentences.Split(p.Chunk.Text, listsWhole: false).Where(s => s.Quotable).Select(s => s.Text).ToList()).ToList();
        var headings = passages.Select(p => Heading(p.Chunk)).ToList();
        var wholes = passages.Select(p => $"{Heading(p.Chunk)}\n{p.Chunk.Text}").ToList();
        var vectors = await embeddings.PassagesAsync([.. sentences.SelectMany(s => s), .. headings, .. wholes], ct);
        var best = new double[passages.Count];
        var offset = 0;
        for (var i = 0; i < passages.Count; i++)
        {
            for (var j = 0; j < sentences[i].Count; j++) best[i] = Math.Max(best[i], SentenceEmbeddings.Cosine(query, vectors[offset + j]));
            offset += sentences[i].Count;
        }
        var heading = passages.Select((_, i) => SentenceEmbeddings.Cosine(query, vectors[offset + i])).ToArray();
        var whole = passages.Select((_, i) => SentenceEmbeddings.Cosine(query, vectors[offset + passages.Count + i])).ToArray();
        // The semantic match of a passage, and how far it leads the best passage of another document.
        var match = passages.Select((_, i) => Math.Max(best[i], whole[i])).ToArray();
        return [.. passages.Select((p, i) =>
        {
            var rival = passages.Select((q, j) => (q, j)).Where(x => x.q.Chunk.DocumentId != p.Chunk.DocumentId).Select(x => match[x.j]).DefaultIfEmpty(0).Max();
            return new ConfidenceFeatures(best[i], heading[i], LexicalConfidence.Score(question, p.Chunk), whole[i], match[i] - rival);
        })];
    }

    private static string Heading(Retrieval.IndexedChunk chunk) =>
        string.IsNullOrEmpty(chunk.Heading) || chunk.Heading == chunk.Title ? chunk.Title : $"{chunk.Title}: {chunk.Heading}";
}
