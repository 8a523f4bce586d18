using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Knowledge.Ingestion;

public sealed class IngestionOptions
{
    public const string SectionName = "SupportAgent:Ingestion";

    /// <summary>Largest accepted file; a bigger one is refused with a per-file error (the rest of the upload proceeds).</summary>
    [Range(1, 2L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Most files in one upload request; more is refused as a whole with 413 (send them in several uploads).</summary>
    [Range(1, 1000)]
    public int MaxFilesPerUpload { get; set; } = 100;

    /// <summary>Largest upload request (all files together); the HTTP host raises its body limits to this.</summary>
    [Range(1, 8L * 1024 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>Documents waiting in memory for the worker; beyond it they wait in the database and are swept up.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Run the background workers (ingestion, triage training). Off only for hosts that work in process (or tests that stop them on purpose).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Median first retry delay after the index or embedder was unavailable; about doubles per attempt, with jitter, up to <see cref="MaxRetryDelay"/> (<see cref="IngestionBackoff"/>).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the worker looks for due retries and documents the queue could not hold.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);
}
