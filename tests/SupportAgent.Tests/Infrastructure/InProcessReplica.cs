using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// The real server in the test process on a loopback port (Kestrel), for a replica the test never kills. It shares
/// nothing with the other replicas but the database and Redis they all use, as a separate process would; it only
/// starts for a fraction of a process's CPU, since the test host has already compiled the server's code (a server
/// process compiles all of it again, several seconds of CPU on two cores).
/// </summary>
public sealed class InProcessReplica : Replica
{
    private readonly SupportAgentApp app;
    private readonly Uri baseAddress;

    private InProcessReplica(SupportAgentApp app, Uri baseAddress) => (this.app, this.baseAddress) = (app, baseAddress);

    public override Uri BaseAddress => baseAddress;
    public override int ProcessId => Environment.ProcessId;

    /// <summary>Starts <paramref name="app"/> on Kestrel; the replica owns it from then on.</summary>
    public static InProcessReplica Start(SupportAgentApp app)
    {
        try
        {
            app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new InProcessReplica(app, new Uri(address));
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    public override ValueTask DisposeAsync()
    {
        app.Dispose();
        return ValueTask.CompletedTask;
    }
}
