using SupportAgent.Cli;

// The CLI runs the same Core as the server, in process, against the same data directory.
return await CliApp.Build().Parse(args).InvokeAsync();

/// <summary>Internal on purpose: the tests reference the CLI beside the server, whose public Program they host.</summary>
internal partial class Program;
