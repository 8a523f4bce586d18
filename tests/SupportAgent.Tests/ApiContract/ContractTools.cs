using System.Diagnostics;

namespace SupportAgent.Tests.ApiContract;

/// <summary>
/// The npm tools integrators use on our document (Redocly's linter, openapi-typescript, tsc), installed from npm into
/// <c>ApiContract/tools</c> on first use with the locked versions; nothing is vendored.
/// </summary>
public static class ContractTools
{
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    public static Task<string> DirectoryAsync() => Installed.Value;

    private static async Task<string> InstallAsync()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SupportAgent.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        var tools = Path.Combine(root, "tests", "SupportAgent.Tests", "ApiContract", "tools");
        if (!File.Exists(Path.Combine(tools, "node_modules", ".package-lock.json")))
        {
            var (code, output) = await RunAsync(tools, "npm", "ci --no-audit --no-fund");
            Assert.True(code == 0, $"npm ci failed:\n{output}");
        }
        return tools;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
