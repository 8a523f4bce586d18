using System.Diagnostics;
using System.Net;
using System.Text;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// The real server as a separate operating-system process on a loopback port, with a data directory of its own:
/// what a replica is in production. Killing it is a real SIGKILL.
/// </summary>
public sealed class ServerProcess : Replica
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    public override Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public override int ProcessId => process.Id;

    private ServerProcess(Process process, Uri baseAddress, string dataDirectory) => (this.process, BaseAddress, DataDirectory) = (process, baseAddress, dataDirectory);

    /// <summary>Whether disposing deletes the data directory (not when it was given, e.g. for a restart on it).</summary>
    private bool ownsData = true;

    /// <summary>
    /// Starts the server with the given settings (configuration keys) and waits until <c>/health</c> answers. Pass
    /// <paramref name="dataDirectory"/> to start on an existing one (a restart); the caller then deletes it.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? dataDirectory = null)
    {
        var port = LocalProcessServer.FreePort();
        var ownsData = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "supportagent-tests", Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("dotnet", $"exec \"{Path.Combine(AppContext.BaseDirectory, "SupportAgent.Server.dll")}\"")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["SupportAgent__DataDirectory"] = dataDirectory;
        info.Environment["SupportAgent__OperatorKey"] = SupportAgentApp.OperatorKey;
        info.Environment["SupportAgent__Demo__Seed"] = "false";
        info.Environment["SupportAgent__RateLimits__Enabled"] = "false";
        info.Environment["SupportAgent__Embeddings__Provider"] = "hashing";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Runtime settings, not the product's: a test server lives seconds and runs beside the test host on two cores,
        // so it skips profile-guided re-compilation and uses the workstation garbage collector (the server one keeps a
        // heap and a collector thread per core for throughput these processes never need).
        info.Environment["DOTNET_TieredPGO"] = "0";
        // The product compiles every method optimised on its first call (a long-lived server's choice, see the server's
        // project file); a server living seconds starts faster compiling quickly first.
        info.Environment["DOTNET_TC_QuickJit"] = "1";
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        var server = new ServerProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"), dataDirectory) { ownsData = ownsData };
        server.process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public string Output { get { lock (output) return output.ToString(); } }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        // Generous: on a busy machine a cold start (JIT, migrations) takes tens of seconds.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The server exited at start ({process.ExitCode}):\n{Output}");
            try { if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server did not become healthy:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease given back.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public override ValueTask DisposeAsync()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
        if (!ownsData) return ValueTask.CompletedTask;
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
