using System.CommandLine;

namespace SupportAgent.Tools.Bench;

/// <summary>Options shared by the load drivers: run against a server at a URL, or start one.</summary>
internal static class BenchOptions
{
    public static readonly Option<Uri?> Url = new("--url")
    {
        // System.CommandLine has no built-in conversion to Uri.
        CustomParser = result => result.Tokens is [{ Value: var text }] ? new Uri(text, UriKind.Absolute) : null,
        Description = "A running server to load; without it a fresh server with the demo tenant is started as a child process (its memory is then reported)",
    };

    public static readonly Option<string?> Redis = new("--redis")
    {
        Description = "Redis for the SignalR backplane of multi-replica runs (StackExchange.Redis form, e.g. 127.0.0.1:6379); --postgres names the server to create each run's database on",
    };

    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Folder under which each started server gets its own fresh data directory (default: the system's temporary folder)",
    };

    public static readonly Option<string?> WidgetKey = new("--widget-key") { Description = "Widget key of the tenant to chat with (required with --url)" };

    public static async Task<BenchCluster> ServerAsync(ParseResult parse, CancellationToken ct)
    {
        if (parse.GetValue(DataDir) is { } scratch) BenchServer.ScratchRoot = scratch;
        if (parse.GetValue(Url) is not { } url) return BenchCluster.Of(await BenchServer.StartAsync(ct));
        var key = parse.GetValue(WidgetKey) ?? throw new ArgumentException("--widget-key is required with --url.");
        return BenchCluster.Of(await BenchServer.AttachAsync(url, key));
    }

    public static string Megabytes(long? bytes) => bytes is { } b ? $"{b / 1024.0 / 1024.0:F0} MB" : "n/a";
}
