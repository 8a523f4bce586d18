using System.CommandLine;
using SupportAgent.Cli.Commands;
using SupportAgent.Cli.Commands.Bench;

// The CLI runs the same Core as the server, in process, against the same data directory.
var root = new RootCommand("SupportAgent command line: manage tenants and ingest knowledge without the server.")
{
    TenantsCommand.Create(),
    IngestCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();

/// <summary>Internal on purpose: the CLI references the server (to start it for benchmarks), whose public Program the tests host.</summary>
internal partial class Program;
