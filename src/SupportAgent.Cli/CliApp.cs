using System.CommandLine;
using SupportAgent.Cli.Commands;
using SupportAgent.Cli.Commands.Bench;

namespace SupportAgent.Cli;

public static class CliApp
{
    public static RootCommand Build() => new("SupportAgent command line: manage tenants, ingest knowledge and evaluate, without the server.")
    {
        GlobalOptions.DataDirectory,
        GlobalOptions.Settings,
        GlobalOptions.Postgres,
        TenantsCommand.Create(),
        IngestCommand.Create(),
        EvalCommand.Create(),
        TriageCommand.Create(),
        DatasetsCommand.Create(),
        BenchCommand.Create(),
    };
}
