using System.CommandLine;
using SupportAgent.Cli.Commands;

// The CLI runs the same Core as the server, in process, against the same data directory.
var root = new RootCommand("SupportAgent command line: manage tenants and ingest knowledge without the server.")
{
    TenantsCommand.Create(),
    IngestCommand.Create(),
    SupportAgent.Cli.Commands.Bench.BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
