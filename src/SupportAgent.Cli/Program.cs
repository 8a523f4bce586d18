using SupportAgent.Cli;

// The CLI runs the same Core as the server, in process, against the same data directory.
return await CliApp.Build().Parse(args).InvokeAsync();
