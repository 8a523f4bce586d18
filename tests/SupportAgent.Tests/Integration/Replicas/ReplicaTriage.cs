using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Integration.Replicas;

/// <summary>Uploading triage examples and watching the classifier through either replica.</summary>
internal static class ReplicaTriage
{
    /// <summary>A taxonomy the keyword rules know nothing about, so a right category can only come from the trained model.</summary>
    public static string Csv(string prefix = "", int repeat = 1) => "text,category\n" + string.Join("\n", Enumerable.Range(0, repeat).SelectMany(r =>
        Rows($"{prefix}tents", r, "Is the two-person tent freestanding?", "How heavy is the ultralight tent?", "Does the tent come with a footprint?",
            "Can the tent handle strong wind?", "How do I pitch the dome tent?", "Is the tent fly waterproof?").Concat(
        Rows($"{prefix}kayaks", r, "How long is the touring kayak?", "Is the kayak stable for beginners?", "Does the kayak include a paddle?",
            "What is the kayak's weight limit?", "Can the inflatable kayak go on the sea?", "How do I store a kayak in winter?"))));

    private static IEnumerable<string> Rows(string category, int round, params string[] texts) =>
        texts.Select(t => round == 0 ? $"\"{t}\",{category}" : $"\"{t} (variant {round})\",{category}");

    public static async Task<HttpResponseMessage> UploadAsync(Replica on, string tenant, string adminKey, string csv)
    {
        using var client = on.Client(adminKey);
        return await client.PostAsync($"/api/tenants/{tenant}/triage/examples", new StringContent(csv, Encoding.UTF8, "text/csv"));
    }

    /// <summary>Polls the model status through a replica until a ready (or failed) training of at least that version (fails after four minutes).</summary>
    public static async Task<JsonElement> WaitUntilTrainedAsync(Replica on, string tenant, string adminKey, int version)
    {
        using var client = on.Client(adminKey);
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant}/triage/model");
            if (status.GetProperty("state").GetString() is "ready" or "failed" && status.GetProperty("version").GetInt32() >= version) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The classifier of {tenant} is still {status}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Asks through a replica until the reply's category is the expected one or four minutes pass; returns the last category.</summary>
    public static async Task<string?> CategoryOnceLoadedAsync(Replica on, string tenant, string widgetKey, string text, string expected)
    {
        using var client = on.Client(widgetKey);
        var started = await (await client.PostAsync($"/api/tenants/{tenant}/conversations", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Add("X-Conversation-Token", started.GetProperty("conversationToken").GetString());
        var path = $"/api/tenants/{tenant}/conversations/{started.GetProperty("conversationId").GetString()}/messages";
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var reply = await (await client.PostAsJsonAsync(path, new { text })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var category = reply.GetProperty("category").GetString();
            if (category == expected || DateTime.UtcNow > deadline) return category;
            await Task.Delay(200);
        }
    }
}
