namespace SupportAgent.Core.Knowledge.Parsing;

/// <summary>
/// What one document may still spend while it is parsed and chunked: time, memory allocated, nesting and text.
/// Parsers call <see cref="Check"/> in their loops; an exhausted budget rejects the file with a reason for the admin.
/// Create it on the thread that parses: the memory budget counts that thread's allocations.
/// </summary>
public sealed class ParseBudget
{
    private readonly CancellationToken deadline;
    private readonly long allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
    private int checks;

    public ParseBudget(ParsingOptions limits, string fileName, CancellationToken deadline = default)
    {
        (Limits, FileName, this.deadline) = (limits, fileName, deadline);
    }

    /// <summary>No time limit, default size limits: for callers that parse trusted text (tests, tools).</summary>
    public static ParseBudget Default(string fileName) => new(new ParsingOptions(), fileName);

    public ParsingOptions Limits { get; }
    public string FileName { get; }

    /// <summary>Throws when the time or memory budget is spent. Cheap enough to call per element.</summary>
    public void Check()
    {
        if (deadline.IsCancellationRequested)
            throw new DocumentRejectedException($"'{FileName}' took longer than {Limits.MaxParseTime.TotalSeconds:0} s to read; split it into smaller files.");
        // Reading the allocation counter costs more than a flag test; every 256th call is often enough.
        if (++checks % 256 == 0 && GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart > Limits.MaxAllocatedBytes)
            throw new DocumentRejectedException($"'{FileName}' needs more than {Limits.MaxAllocatedBytes / (1024 * 1024):N0} MB of memory to read; split it into smaller files.");
    }

    public void CheckDepth(int depth)
    {
        if (depth > Limits.MaxNestingDepth)
            throw new DocumentRejectedException($"'{FileName}' nests elements more than {Limits.MaxNestingDepth} levels deep; no real document does, so it is refused.");
    }

    public void CheckText(long chars)
    {
        if (chars > Limits.MaxTextChars)
            throw new DocumentRejectedException($"'{FileName}' holds more than {Limits.MaxTextChars:N0} characters of text; split it into smaller files.");
    }
}
