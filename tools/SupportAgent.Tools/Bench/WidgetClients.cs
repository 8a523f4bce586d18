using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace SupportAgent.Tools.Bench;

/// <summary>Widget connections as a browser makes them: negotiate, then a WebSocket to the chat hub with the widget key.</summary>
internal static class WidgetClients
{
    public static HubConnection Create(BenchServer server, string? key = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(server.Url, "/hubs/chat"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.AccessTokenProvider = () => Task.FromResult<string?>(key ?? server.WidgetKey);
        })
        .Build();

    /// <summary>
    /// Connects <paramref name="count"/> widgets, a bounded number at a time, as a burst of page loads would; with
    /// several replicas, widget i goes to replica i mod N, as a proxy sticky by client address spreads them.
    /// </summary>
    public static async Task<List<HubConnection>> ConnectAsync(BenchCluster cluster, int count, CancellationToken ct)
    {
        var connections = Enumerable.Range(0, count).Select(i => Create(cluster.Replicas[i % cluster.Replicas.Count])).ToList();
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (connection, token) => await connection.StartAsync(token));
        return connections;
    }

    public static async Task DisposeAllAsync(IEnumerable<HubConnection> connections) =>
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
}
