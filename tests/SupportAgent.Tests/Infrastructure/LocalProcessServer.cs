using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// Starts a Debian-packaged server (PostgreSQL, Redis) as a child process on a free loopback port, in a scratch folder
/// that is removed when the test run ends. PostgreSQL refuses to run as root, so as root it runs as the
/// <c>postgres</c> system user.
/// </summary>
internal static class LocalProcessServer
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a command to completion (as <paramref name="user"/> when running as root), failing with its output.</summary>
    public static void Run(string file, string arguments, string? user = null)
    {
        using var process = Process.Start(Info(file, arguments, user))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error}{output.Result}");
    }

    /// <summary>Starts a long-running server; it is stopped when the test process exits.</summary>
    public static Process Start(string file, string arguments, string? user, string scratch)
    {
        var process = Process.Start(Info(file, arguments, user))!;
        process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { process.Kill(entireProcessTree: true); process.WaitForExit(5000); } catch (InvalidOperationException) { }
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return process;
    }

    public static string Scratch(string name, string? owner = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"supportagent-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (owner is not null && IsRoot) Run("chown", $"{owner}:{owner} {folder}");
        return folder;
    }

    private static ProcessStartInfo Info(string file, string arguments, string? user) =>
        user is not null && IsRoot
            ? new ProcessStartInfo("runuser", $"-u {user} -- {file} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true }
            : new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
}
