using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Reembedding;

namespace SupportAgent.Cli.Commands;

/// <summary>
/// <c>reindex</c>: gives every chunk a vector of the configured embedding model now, in the foreground (what the server
/// does in the background after a change of <c>SupportAgent:Embeddings:Provider</c>). Run it with the server stopped.
/// </summary>
internal static class ReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex", "Re-embed every chunk whose vector is missing or of another embedding model, with the configured model.");
        command.SetAction(async (parse, ct) =>
        {
            using var host = await CoreHost.StartAsync(parse, ct);
            var reembedder = host.Services.GetRequiredService<Reembedder>();
            if (reembedder.Target is not { } index)
            {
                Console.Error.WriteLine("The configured index keeps no model-keyed vectors here (embedded index with an embedder only).");
                return 2;
            }
            var started = Stopwatch.GetTimestamp();
            var chunks = await reembedder.ReembedAllAsync(ct);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"{chunks} chunks re-embedded with {index.VectorModel} in {seconds:0.0} s ({chunks / Math.Max(seconds, 1e-9):0} chunks/s).");
            return 0;
        });
        return command;
    }
}
