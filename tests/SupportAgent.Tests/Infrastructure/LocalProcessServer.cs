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

    /// <summary>
    /// Starts a long-running server that also stops once the test host is gone, however the host ended (its exit
    /// handlers do not run when it is killed, and a Redis started by the README's test command outlived it): a shell
    /// waits for the end of its standard input, a pipe only the test host writes to, so it sees the end of the host
    /// whatever ended it, and then kills the server's own process group (PostgreSQL's workers included). It used to ask
    /// once a second whether the host's process id still existed (an id another process can have by the next look).
    /// The run's own end takes the same path: it closes the pipe. Killing the shell's tree from here instead stopped
    /// each process before killing it, and when the host was ended between the two, a PostgreSQL worker (in a session
    /// of its own, out of reach of the group kill) was left stopped for good.
    /// </summary>
    public static Process StartWatched(string file, string arguments, string? user, string scratch)
    {
        var command = user is not null && IsRoot ? $"runuser -u {user} -- {file} {arguments}" : $"{file} {arguments}";
        // `cat` returns at the end of the input: the test host closed it (its exit) or no longer exists. `kill -9 -id`
        // (a process group), not `kill -9 -- -id`: Debian's sh (dash) refuses the `--`, and the kill never happened.
        // The scratch folder goes with the server: the host's own exit handlers may not have run.
        var script = $"setsid {command} </dev/null & server=$!; echo $server; cat >/dev/null; kill -9 -$server 2>/dev/null; rm -rf {scratch}";
        var info = Info("sh", $"-c \"{script.Replace("\"", "\\\"")}\"", user: null);
        info.RedirectStandardInput = true;
        var shell = Process.Start(info)!;
        // The shell says the server's process id once the server is started.
        _ = shell.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"{file} did not start.");
        return Register(shell, scratch);
    }

    private static readonly List<(Process Shell, string Scratch)> Started = [];

    private static Process Register(Process shell, string scratch)
    {
        shell.StandardOutput.ReadToEndAsync();
        shell.StandardError.ReadToEndAsync();
        lock (Started)
        {
            if (Started.Count == 0) AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
            Started.Add((shell, scratch));
        }
        return shell;
    }

    private static void StopAll()
    {
        lock (Started)
        {
            // Every server is told to stop before any is waited for: the test host is ended soon after its exit
            // handlers start. A watching shell kills its server's process group and deletes its folder when its input
            // ends; the PostgreSQL workers then exit by themselves, as they do whenever their postmaster dies.
            foreach (var (shell, _) in Started)
                try { shell.StandardInput.Close(); } catch (IOException) { } catch (InvalidOperationException) { }
            foreach (var (shell, scratch) in Started)
            {
                try { shell.WaitForExit(5000); } catch (InvalidOperationException) { }
                try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
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
