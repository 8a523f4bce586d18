namespace SupportAgent.Core.Jobs;

/// <summary>The kinds of background work. Adding one: a constant here and an <see cref="IJobHandler"/> registered for it.</summary>
public static class JobKinds
{
    /// <summary>Parse, chunk, embed and index one uploaded document (subject: the document id).</summary>
    public const string IngestDocument = "ingest-document";
    /// <summary>Retrain the tenant's triage classifier from its stored examples.</summary>
    public const string TrainTriage = "train-triage";
}
