using SupportAgent.Core.Hosting;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Conversations;
using SupportAgent.Server.Documents;
using SupportAgent.Server.Escalations;
using SupportAgent.Server.Evaluations;
using SupportAgent.Server.Health;
using SupportAgent.Server.Home;
using SupportAgent.Server.Hosting;
using SupportAgent.Server.Tenants;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSupportAgentCore();
builder.AddProblemResponses();
builder.AddJson();
builder.AddApiKeyAuth();
builder.AddChat();
builder.AddStartupTasks();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseProblemResponses();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapHealth();
app.MapHomePage();
app.MapTenants();
app.MapDocuments();
app.MapChat();
app.MapEscalations();
app.MapEvaluations();
app.MapNotFound();

app.Run();

/// <summary>Entry point type, public so the integration tests can host the app.</summary>
public partial class Program;
