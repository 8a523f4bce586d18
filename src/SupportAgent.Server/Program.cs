using SupportAgent.Core.Hosting;
using SupportAgent.Server.ApprovedAnswers;
using SupportAgent.Server.Adapters;
using SupportAgent.Server.Analytics;
using SupportAgent.Server.Auth;
using SupportAgent.Server.Console;
using SupportAgent.Server.Conversations;
using SupportAgent.Server.Decisions;
using SupportAgent.Server.Documents;
using SupportAgent.Server.Escalations;
using SupportAgent.Server.Evaluations;
using SupportAgent.Server.FineTuning;
using SupportAgent.Server.Health;
using SupportAgent.Server.Home;
using SupportAgent.Server.Hosting;
using SupportAgent.Server.Origins;
using SupportAgent.Server.Observability;
using SupportAgent.Server.Tenants;
using SupportAgent.Server.Triage;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSupportAgentCore();
builder.AddProblemResponses();
builder.AddJson();
builder.AddApiKeyAuth();
builder.AddChat();
builder.AddWidgetOrigins();
builder.AddHandoff();
builder.AddStartupTasks();
builder.AddDocuments();
builder.AddAdapters();
builder.AddFineTuning();
builder.AddHealth();
builder.AddObservability();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseProblemResponses();
app.UseStaticFiles();
app.UseWidgetCors();
app.UseAuthentication();
app.UseWidgetOriginCheck();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapHealth();
app.MapHomePage();
app.MapWidget();
app.MapConsole();
app.MapTenants();
app.MapDocuments();
app.MapChat();
app.MapEscalations();
app.MapApprovedAnswers();
app.MapTriage();
app.MapDecisions();
app.MapEvaluations();
app.MapAdapters();
app.MapFineTuning();
app.MapAnalytics();
app.MapNotFound();

app.Run();

/// <summary>Entry point type, public so the integration tests can host the app.</summary>
public partial class Program;
