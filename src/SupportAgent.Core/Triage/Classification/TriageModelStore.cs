using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using SupportAgent.Core.Hosting;

namespace SupportAgent.Core.Triage.Classification;

/// <summary>
/// Per-tenant models under <c>{DataDirectory}/models/{tenant}/</c>: <c>triage.zip</c> (ML.NET), <c>triage.json</c>
/// (status and calibrated limits) and <c>triage.vectors</c> (the training examples' sentence vectors, for the distance
/// to the nearest example). Loaded lazily and cached, so a restart picks up the last trained model.
/// Files are written to a temporary name and moved into place, so a reader never sees half a model.
/// </summary>
public sealed class TriageModelStore(IOptions<SupportAgentOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Lazy<TextClassifier?>> cache = new();
    private readonly ConcurrentDictionary<string, TriageModelStatus> transient = new();

    private string Folder(string tenantId) => Path.Combine(options.Value.ResolveDataDirectory(), "models", tenantId);

    public TextClassifier? Find(string tenantId) => cache.GetOrAdd(tenantId, id => new Lazy<TextClassifier?>(() => Load(id))).Value;

    public TriageModelStatus Status(string tenantId)
    {
        if (transient.TryGetValue(tenantId, out var status)) return status;
        var path = Path.Combine(Folder(tenantId), "triage.json");
        return File.Exists(path)
            ? JsonSerializer.Deserialize<TriageModelStatus>(File.ReadAllText(path), Json)!
            : new TriageModelStatus(TriageModelStatus.None, 0, [], null, null, null);
    }

    /// <summary>A state that is not written to disk (training in progress, or a failure that left the last model in place).</summary>
    public void SetTransient(string tenantId, TriageModelStatus status) => transient[tenantId] = status;

    public void Save(string tenantId, TextClassifier classifier, TriageModelStatus status)
    {
        var folder = Folder(tenantId);
        Directory.CreateDirectory(folder);
        var model = Path.Combine(folder, "triage.zip");
        new MLContext().Model.Save(classifier.Model, classifier.InputSchema, model + ".tmp");
        File.Move(model + ".tmp", model, overwrite: true);
        WriteVectors(Path.Combine(folder, "triage.vectors"), classifier.ExampleVectors);
        File.WriteAllText(Path.Combine(folder, "triage.json.tmp"), JsonSerializer.Serialize(status, Json));
        File.Move(Path.Combine(folder, "triage.json.tmp"), Path.Combine(folder, "triage.json"), overwrite: true);
        cache[tenantId] = new Lazy<TextClassifier?>(classifier);
        transient.TryRemove(tenantId, out _);
    }

    /// <summary>Deletes the tenant's models from disk and memory (the tenant is being deleted).</summary>
    public void Forget(string tenantId)
    {
        cache.TryRemove(tenantId, out _);
        transient.TryRemove(tenantId, out _);
        if (Directory.Exists(Folder(tenantId))) Directory.Delete(Folder(tenantId), recursive: true);
    }

    private TextClassifier? Load(string tenantId)
    {
        var model = Path.Combine(Folder(tenantId), "triage.zip");
        if (!File.Exists(model)) return null;
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(model, out var schema);
        var status = Status(tenantId);
        var vectors = ReadVectors(Path.Combine(Folder(tenantId), "triage.vectors"));
        var limits = new OutOfScopeLimits(status.OutOfScopeBelow ?? 0, status.NearestBelow ?? -1);
        return new TextClassifier(ml, transformer, schema, limits, vectors, vectors.FirstOrDefault()?.Length ?? 0) { EmbeddingModel = status.EmbeddingModel };
    }

    /// <summary>Row count, width, then the floats; written beside and moved into place like the model.</summary>
    private static void WriteVectors(string path, float[][] vectors)
    {
        using (var writer = new BinaryWriter(File.Create(path + ".tmp")))
        {
            writer.Write(vectors.Length);
            writer.Write(vectors.FirstOrDefault()?.Length ?? 0);
            foreach (var vector in vectors) writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
        }
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static float[][] ReadVectors(string path)
    {
        if (!File.Exists(path)) return [];
        using var reader = new BinaryReader(File.OpenRead(path));
        var (rows, width) = (reader.ReadInt32(), reader.ReadInt32());
        var vectors = new float[rows][];
        for (var i = 0; i < rows; i++)
        {
            vectors[i] = new float[width];
            reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[i].AsSpan()));
        }
        return vectors;
    }
}
