namespace SupportAgent.Tests.Unit;

/// <summary>
/// Unit tests run in process without sockets, servers or child processes, so they stay fast and can run anywhere;
/// a test that needs one of those belongs under Integration (or Qdrant, for the fake Qdrant server).
/// </summary>
public sealed class UnitTestsStayInProcessTests
{
    private static readonly string[] OutOfProcess =
        ["LoopbackServer", "FakeOpenAiServer", "FakeQdrantServer", "FakeEmbeddingServer", "SupportAgentApp", "SharedApp", "TcpListener",
         "new Socket(", "HttpListener", "Process.Start", "ServerProcess", "InProcessReplica"];

    [Fact]
    public void NoUnitTestOpensASocketOrStartsAServer()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SupportAgent.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        var unit = Path.Combine(root, "tests", "SupportAgent.Tests", "Unit");
        var self = Path.Combine(unit, $"{nameof(UnitTestsStayInProcessTests)}.cs");

        var files = Directory.EnumerateFiles(unit, "*.cs", SearchOption.AllDirectories).Where(f => f != self).ToList();
        var offenders = files
            .SelectMany(f => OutOfProcess.Where(File.ReadAllText(f).Contains).Select(what => $"{Path.GetRelativePath(unit, f)} uses {what}"))
            .ToList();

        Assert.True(files.Count > 20, $"only {files.Count} unit test files found under {unit}");
        Assert.Empty(offenders);
    }
}
