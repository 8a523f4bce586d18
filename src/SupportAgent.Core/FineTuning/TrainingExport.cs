using System.Text;
using System.Text.Json;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Core.FineTuning;

public enum ExportSplit { Train, HeldOut }

/// <summary>
/// Staff-approved conversations as chat-format JSONL (<c>{"messages":[system, user, assistant]}</c>, what OpenAI,
/// vLLM-ecosystem trainers and most LoRA tooling read). The prompt carries the retrieved passages, exactly as the
/// agent sees them, so the adapter learns tone and format while knowledge stays in retrieval.
/// </summary>
public sealed class TrainingExport(ApprovedExamples approved)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Result(string Jsonl, int Lines, int Train, int HeldOut);

    public async Task<Result> BuildAsync(Tenant tenant, ExportSplit split, CancellationToken ct)
    {
        var examples = TrainingExamples.Clean(await approved.LoadAsync(tenant.Id, ct));
        var heldOut = examples.Where(TrainingExamples.IsHeldOut).ToList();
        var chosen = split == ExportSplit.HeldOut ? heldOut : [.. examples.Except(heldOut)];
        var jsonl = new StringBuilder();
        foreach (var example in chosen) jsonl.Append(JsonSerializer.Serialize(new { messages = Messages(tenant, example) }, Json)).Append('\n');
        return new Result(jsonl.ToString(), chosen.Count, examples.Count - heldOut.Count, heldOut.Count);
    }

    private static object[] Messages(Tenant tenant, ApprovedExample example) =>
    [
        new { role = "system", content = $"You are {tenant.Settings.Persona} for {tenant.Name}. Answer only from the numbered sources and cite them like [1]. "
            + "If the sources do not answer the question, say so and offer a person." },
        new { role = "user", content = Prompt(example) },
        new { role = "assistant", content = example.Answer },
    ];

    private static string Prompt(ApprovedExample example)
    {
        var prompt = new StringBuilder("Sources:\n");
        if (example.Passages.Count == 0) prompt.Append("(none found)\n");
        for (var i = 0; i < example.Passages.Count; i++)
            prompt.Append('[').Append(i + 1).Append("] ").Append(example.Passages[i].Title).Append(": ").Append(example.Passages[i].Snippet).Append('\n');
        return prompt.Append("\nQuestion: ").Append(example.Question).ToString();
    }
}
