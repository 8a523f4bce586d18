using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Evaluation;
using SupportAgent.Core.Generation;

namespace SupportAgent.Core.Adapters;

/// <summary>
/// The evaluation gate: the same cases through the real message path (the evaluation runner), once pinned to the
/// base model and once pinned to the adapter, scored on decision accuracy and citation validity. The adapter is
/// activated only if it is at least as good on both, within the configured tolerances; the comparison is stored either way.
/// </summary>
public sealed class AdapterEvaluator(EvaluationRunner runner, AdapterRegistry registry, IOptions<AdapterOptions> options,
    TimeProvider clock, ILogger<AdapterEvaluator> log)
{
    public async Task<AdapterComparison> EvaluateAsync(Adapter adapter, IReadOnlyList<EvaluationCase> cases, CancellationToken ct)
    {
        var onBase = await runner.RunCasesAsync(adapter.TenantId, cases, RoutePreference.Base, null, ct);
        var onAdapter = await runner.RunCasesAsync(adapter.TenantId, cases, RoutePreference.Adapter, null, ct);

        var settings = options.Value;
        var baseScore = GateScore.Of(onBase, adapter: null);
        var adapterScore = GateScore.Of(onAdapter, adapter.Name);
        var (passed, verdict) = GateScore.Judge(baseScore, adapterScore, settings);
        var comparison = new AdapterComparison
        {
            Cases = cases.Count, Base = baseScore, Adapter = adapterScore, Passed = passed, Verdict = verdict,
            DecisionAccuracyTolerance = settings.DecisionAccuracyTolerance, CitationValidityTolerance = settings.CitationValidityTolerance,
            EvaluatedAt = clock.GetUtcNow(),
        };
        await registry.RecordComparisonAsync(adapter.TenantId, adapter.Name, comparison, CancellationToken.None);
        log.LogInformation("Adapter {Adapter} of tenant {Tenant} evaluated on {Cases} cases: {Verdict}", adapter.Name, adapter.TenantId, cases.Count, verdict);
        return comparison;
    }
}
