using System.CommandLine;
using System.Diagnostics;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// Idle connection cost: what the server holds for each connected widget that is not chatting (most of them, on a
/// busy storefront). Measured as the growth of the server's resident memory from one warm connection to N.
/// </summary>
internal static class ConnectionsBench
{
    public static Command Create()
    {
        var count = new Option<int>("--connections") { Description = "Idle widget connections to hold", DefaultValueFactory = _ => 5000 };
        var settle = new Option<int>("--settle-seconds") { Description = "Wait before measuring, so allocation from the connect burst settles", DefaultValueFactory = _ => 10 };
        var command = new Command("connections", "Memory per idle connected widget (requires a started server: its memory is measured).")
        {
            count, settle, BenchOptions.Url, BenchOptions.WidgetKey, BenchOptions.DataDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var server = await BenchOptions.ServerAsync(parse, ct);
            if (!server.MemoryKnown) { Console.Error.WriteLine("Memory of a server at --url cannot be read; run without --url."); return 2; }
            var n = parse.GetValue(count);
            var warm = await WidgetClients.ConnectAsync(server, 1, ct);
            await Task.Delay(TimeSpan.FromSeconds(parse.GetValue(settle)), ct);
            var baseline = server.MemoryBytes()!.Value;
            var connecting = Stopwatch.StartNew();
            var idle = await WidgetClients.ConnectAsync(server, n - 1, ct);
            connecting.Stop();
            await Task.Delay(TimeSpan.FromSeconds(parse.GetValue(settle)), ct);
            var loaded = server.MemoryBytes()!.Value;
            var alive = idle.Count(c => c.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected) + 1;
            Console.WriteLine("| connections | connected in | server memory 1 → N | per connection |");
            Console.WriteLine("|---:|---:|---|---:|");
            Console.WriteLine($"| {alive:N0} | {connecting.Elapsed.TotalSeconds:F1} s | {BenchOptions.Megabytes(baseline)} → {BenchOptions.Megabytes(loaded)} " +
                              $"| {(loaded - baseline) / 1024.0 / Math.Max(1, alive - 1):F1} KB |");
            await WidgetClients.DisposeAllAsync(idle.Concat(warm));
            return alive == n ? 0 : 1;
        });
        return command;
    }
}
