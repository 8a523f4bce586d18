namespace SupportAgent.Core.Jobs;

/// <summary>The kinds of background work. Adding one: a constant here and an <see cref="IJobHandler"/> registered for it.</summary>
public static class JobKinds
{
    /// <summary>Parse, chunk, embed and index one uploaded document (subject: the document id).</summary>
    public const string IngestDocument = "ingest-document";
    /// <summary>Retrain the tenant's triage classifier from its stored examples.</summary>
    public const string TrainTriage = "train-triage";
    /// <summary>
    /// Give the tenant's chunks vectors of the configured embedding model after a change of model (subject: that
    /// model's id, which keys the index's vectors, so the job is one per tenant and index).
    /// </summary>
    public const string ReembedIndex = "reembed-index";
}
