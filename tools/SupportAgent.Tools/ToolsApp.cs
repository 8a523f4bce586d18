using System.CommandLine;
using SupportAgent.Cli.Commands;
using SupportAgent.Tools.Bench;
using SupportAgent.Tools.Datasets;

namespace SupportAgent.Tools;

public static class ToolsApp
{
    public static RootCommand Build() => new("SupportAgent tools: load benchmarks and data-set converters.")
    {
        GlobalOptions.DataDirectory,
        GlobalOptions.Settings,
        GlobalOptions.Postgres,
        DatasetsCommand.Create(),
        BenchCommand.Create(),
    };
}
