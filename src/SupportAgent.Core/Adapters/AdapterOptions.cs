using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Core.Adapters;

public sealed class AdapterOptions
{
    public const string SectionName = "SupportAgent:Adapters";

    /// <summary>Consecutive adapter failures (errors or timeouts) after which it is suspended and traffic stays on the base model.</summary>
    [Range(1, 1000)]
    public int FailureThreshold { get; set; } = 3;

    /// <summary>How far below the base model the adapter's decision accuracy may be and still pass the evaluation gate.</summary>
    [Range(0.0, 1.0)]
    public double DecisionAccuracyTolerance { get; set; } = 0.0;

    /// <summary>How far below the base model the adapter's citation validity may be and still pass the evaluation gate.</summary>
    [Range(0.0, 1.0)]
    public double CitationValidityTolerance { get; set; } = 0.0;

    /// <summary>Time allowed for the adapter server's <c>/v1/models</c> check at registration.</summary>
    [Range(1, 300)]
    public int RegistrationTimeoutSeconds { get; set; } = 10;

    /// <summary>Most evaluation cases accepted by one <c>adapter/evaluate</c> call (each runs twice).</summary>
    [Range(1, 10_000)]
    public int MaxEvaluationCases { get; set; } = 500;

    /// <summary>
    /// URL prefixes (scheme, host, port and path) a tenant may register adapters on even when they resolve to private or
    /// loopback addresses, e.g. the operator's own vLLM at <c>http://vllm:8000</c>. Anything else must be public.
    /// </summary>
    public List<string> AllowedEndpoints { get; set; } = [];

    /// <summary>Lets adapter endpoints on this machine's loopback through (Development, where the model server is local).</summary>
    public bool AllowLoopback { get; set; }
}
