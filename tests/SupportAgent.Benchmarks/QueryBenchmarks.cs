using BenchmarkDotNet.Attributes;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Embedded;

namespace SupportAgent.Benchmarks;

/// <summary>Turning a customer's question into search terms and an FTS5 MATCH expression, done on every message.</summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    [Params("How long does shipping to Canada take?",
        "Hi, I ordered a waterproof jacket two weeks ago and it still hasn't arrived, can you tell me where my parcel is and whether I can get a refund if it is lost?")]
    public string Question { get; set; } = "";

    [Benchmark]
    public int Terms() => TextAnalysis.Terms(Question).Count;

    [Benchmark]
    public int FtsMatch() => FtsQuery.From(Question)?.Length ?? 0;
}
