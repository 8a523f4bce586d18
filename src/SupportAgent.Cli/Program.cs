using SupportAgent.Cli;

// The CLI runs the same Core as the server, in process, against the same data directory.
return await CliApp.Build().Parse(args).InvokeAsync();

/// <summary>Internal on purpose: the CLI references the server (to start it for benchmarks), whose public Program the tests host.</summary>
internal partial class Program;
