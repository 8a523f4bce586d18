using SupportAgent.Tools;

// Measurements and data-set conversion; the product's own verbs live in the `supportagent` CLI.
return await ToolsApp.Build().Parse(args).InvokeAsync();
