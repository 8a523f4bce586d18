var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSupportAgentCore();
builder.AddProblemResponses();
builder.AddJson();
builder.AddApiKeyAuth();
builder.AddRateLimits();
builder.AddChat();
builder.AddScaleOut();
builder.AddWidgetOrigins();
builder.AddHandoff();
builder.AddStartupTasks();
builder.AddDocuments();
builder.AddAdapters();
builder.AddFineTuning();
builder.AddHealth();
builder.AddObservability();
builder.AddApiDocs();

var app = builder.Build();

app.UseProblemResponses();
app.UseConsoleProtection();
app.UseStaticFiles();
app.UseWidgetCors();
app.UseAuthentication();
app.UseRateLimits();
app.UseWidgetOriginCheck();
app.UseAuthorization();

app.MapApiDocs();
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
