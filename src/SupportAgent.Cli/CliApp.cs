using System.CommandLine;
using SupportAgent.Cli.Commands;

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
        ReindexCommand.Create(),
        EvalCommand.Create(),
        TriageCommand.Create(),
        ConfidenceCommand.Create(),
        RetrievalCommand.Create(),
    };
}
