using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace SupportAgent.Tools.Bench;

/// <summary>
/// The server under load: either one already running at a URL, or the real server started as a child process with
/// a fresh data directory and the demo tenant seeded. A child process keeps the server's memory apart from the
/// driver's thousands of client connections, so the memory figures are the server's alone.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly Process? process;
    private readonly string? dataDirectory;

    public Uri Url { get; }
    public string WidgetKey { get; }
    public bool MemoryKnown => process is not null;

    private BenchServer(Uri url, string widgetKey, Process? process = null, string? dataDirectory = null)
    {
        Url = url;
        WidgetKey = widgetKey;
        this.process = process;
        this.dataDirectory = dataDirectory;
    }

    /// <summary>Where started servers' data directories go (<c>--data-dir</c>); each server still gets a fresh one, deleted afterwards.</summary>
    public static string? ScratchRoot { get; set; }

    public static Task<BenchServer> AttachAsync(Uri url, string widgetKey) => Task.FromResult(new BenchServer(url, widgetKey));

    public static string NewKey(string role) => $"sa_{role}_bench_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";

    /// <param name="settings">More server settings (e.g. a shared database, Redis, Qdrant), as environment variables.</param>
    /// <param name="widgetKey">The demo tenant's widget key; replicas of one deployment share it (and the operator key).</param>
    public static async Task<BenchServer> StartAsync(CancellationToken ct, IReadOnlyDictionary<string, string>? settings = null,
        string? widgetKey = null, string? operatorKey = null)
    {
        var port = FreePort();
        var dataDirectory = Path.Combine(ScratchRoot ?? Path.GetTempPath(), "supportagent-bench", Guid.NewGuid().ToString("N"));
        widgetKey ??= NewKey("widget");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SupportAgent.Server.dll")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["SupportAgent__DataDirectory"] = dataDirectory,
                ["SupportAgent__OperatorKey"] = operatorKey ?? NewKey("operator"),
                ["SupportAgent__Demo__Seed"] = "true",
                ["SupportAgent__Demo__WidgetKey"] = widgetKey,
                // A benchmark is one address sending thousands of messages: the per-client limits would measure themselves.
                ["SupportAgent__RateLimits__Enabled"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        // Drain the output so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"server: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new BenchServer(new Uri($"http://127.0.0.1:{port}"), widgetKey, process, dataDirectory);
        await server.WaitUntilHealthyAsync(ct);
        return server;
    }

    /// <summary>The server process's resident memory (working set), after a full blocking GC is not possible from outside.</summary>
    public long? MemoryBytes()
    {
        if (process is null) return null;
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>CPU time the server process has used so far (all threads), for CPU milliseconds per message.</summary>
    public TimeSpan? CpuTime()
    {
        if (process is null) return null;
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process is { HasExited: true }) throw new InvalidOperationException($"The server exited with code {process.ExitCode}.");
            try
            {
                if ((await http.GetAsync(new Uri(Url, "/health"), ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException("The server did not become healthy within 3 minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        if (dataDirectory is not null)
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
