using Microsoft.AspNetCore.SignalR.Client;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// One running server the tests reach over a real loopback socket, as clients reach a replica in production: a
/// separate process (<see cref="ServerProcess"/>, the one kind a test can kill) or a server in the test process
/// (<see cref="InProcessReplica"/>).
/// </summary>
public abstract class Replica : IAsyncDisposable
{
    public abstract Uri BaseAddress { get; }

    /// <summary>The operating-system process the replica runs in: the middle part of its job leases' owner ("machine:process id:worker").</summary>
    public abstract int ProcessId { get; }

    public HttpClient Client(string? key = null, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.BaseAddress = BaseAddress;
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public HubConnection Hub(string key) => new HubConnectionBuilder()
        .WithUrl(new Uri(BaseAddress, "/hubs/chat"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(key))
        .WithEnumsAsStrings()
        .Build();

    public abstract ValueTask DisposeAsync();
}
