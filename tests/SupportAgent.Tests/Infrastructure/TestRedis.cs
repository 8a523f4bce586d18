namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// The real Redis the replica tests share: <c>SUPPORTAGENT_TEST_REDIS</c> (host:port, as CI sets it) or, without it,
/// Debian's <c>redis-server</c> started for this test run on a free loopback port, without persistence.
/// </summary>
internal static class TestRedis
{
    private static readonly Lazy<string> Address = new(() =>
        Environment.GetEnvironmentVariable("SUPPORTAGENT_TEST_REDIS") is { Length: > 0 } configured ? configured : Start());

    public static string ConnectionString => Address.Value;

    private static string Start()
    {
        var scratch = LocalProcessServer.Scratch("redis");
        var port = LocalProcessServer.FreePort();
        LocalProcessServer.StartWatched("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no --dir {scratch}", user: null, scratch);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                client.Connect("127.0.0.1", port);
                return $"127.0.0.1:{port}";
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline) { Thread.Sleep(100); }
        }
    }
}
