using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Analytics;
using SupportAgent.Core.Answering;
using SupportAgent.Core.Answering.Semantic;
using SupportAgent.Core.Conversations;
using SupportAgent.Core.Conversations.Turns;
using SupportAgent.Core.Data;
using SupportAgent.Core.Evaluation;
using SupportAgent.Core.Generation;
using SupportAgent.Core.Handoff;
using SupportAgent.Core.Jobs;
using SupportAgent.Core.Knowledge.Chunking;
using SupportAgent.Core.Knowledge.Ingestion;
using SupportAgent.Core.Knowledge.Parsing;
using SupportAgent.Core.Observability;
using SupportAgent.Core.Retrieval;
using SupportAgent.Core.Retrieval.Condensing;
using SupportAgent.Core.Retrieval.Embedded;
using SupportAgent.Core.Retrieval.Qdrant;
using SupportAgent.Core.Retrieval.Embeddings;
using SupportAgent.Core.Retrieval.Reembedding;
using Microsoft.Extensions.AI;
using SupportAgent.Core.Tenants;
using SupportAgent.Core.Triage;
using SupportAgent.Core.Triage.Classification;

namespace SupportAgent.Core.Hosting;

/// <summary>
/// Registers the whole agent for any host (the server and the CLI run the same Core in process). Defaults are
/// <c>TryAdd</c>ed: a host supplies its ports (live notifications, the secret protector, a clock) before or after.
/// </summary>
public static class CoreServices
{
    public static IServiceCollection AddSupportAgentCore(this IServiceCollection services)
    {
        services.AddValidatedOptions<SupportAgentOptions>(SupportAgentOptions.SectionName);
        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.SectionName);
        services.AddValidatedOptions<ChatOptions>(ChatOptions.SectionName);
        services.AddValidatedOptions<IndexOptions>(IndexOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        // Pooled: a customer turn uses several contexts (its own, the entity vocabulary's, the adapter route's), and
        // building a context's internal services for every one was a visible share of a turn's CPU. A pooled context is
        // reset (change tracker cleared) when its scope ends; the context holds no state of its own.
        services.AddDbContextPool<SupportDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataDirectory = sp.GetRequiredService<IOptions<SupportAgentOptions>>().Value.ResolveDataDirectory();
            options.UseSupportDatabase(db, dataDirectory);
        });

        services.AddScoped<TenantService>();
        services.AddScoped<TenantPurge>();
        services.AddScoped<StaffSessions>();
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<Chunker>();
        services.AddSingleton<IDocumentParser, PlainTextParser>();
        services.AddSingleton<IDocumentParser, MarkdownParser>();
        services.AddSingleton<IDocumentParser, HtmlParser>();
        services.AddSingleton<IDocumentParser, PdfParser>();
        services.AddSingleton<IDocumentParser, DocxParser>();
        services.AddSingleton<IDocumentParser, JsonlParser>();
        services.AddSingleton<ParserRegistry>();
        services.AddValidatedOptions<ParsingOptions>(ParsingOptions.SectionName);
        services.AddSingleton<ParseSandbox>();
        services.AddValidatedOptions<IngestionOptions>(IngestionOptions.SectionName);
        services.AddValidatedOptions<JobOptions>(JobOptions.SectionName);
        services.AddJobs();
        services.AddIngestionJobs();
        services.AddScoped<IngestionQueue>();
        services.AddScoped<DocumentIntake>();
        services.AddScoped<DocumentIndexer>();
        services.AddScoped<DocumentDeleter>();
        services.AddScoped<DocumentIngestor>();

        services.AddValidatedOptions<RankingOptions>(RankingOptions.SectionName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RankingOptions>>().Value.ToWeights());
        services.AddKeyedSingleton<IKnowledgeIndex>("embedded", (sp, _) =>
            new EmbeddedHybridIndex(Path.Combine(sp.GetRequiredService<IOptions<SupportAgentOptions>>().Value.ResolveDataDirectory(), "index.db"),
                sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>()?.ModelId(), sp.GetRequiredService<RankingWeights>()));
        // SupportAgent:Index:Provider picks one of the keyed implementations.
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IKnowledgeIndex>(sp.GetRequiredService<IOptions<IndexOptions>>().Value.Provider));
        services.AddQdrantIndex();
        services.AddEmbeddings();
        services.AddReembedding();
        services.AddSingleton<IEntityVocabulary, TitleVocabulary>();
        services.AddSingleton<QueryCondenser>();
        services.AddSingleton<Retriever>();
        services.AddSingleton<RuleTriage>();
        services.AddSingleton<ITriage, ClassifierTriage>();
        services.AddSingleton<TriageModelStore>();
        services.AddSingleton<MessageVectors>();
        services.AddValidatedOptions<TriageOptions>(TriageOptions.SectionName);
        services.AddSingleton<TriageTrainer>();
        // Like ingestion, a host without background workers (the CLI, a test stopping them) leaves training to the others.
        services.AddJobHandler<TrainTriageJob>(JobKinds.TrainTriage, sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value.WorkerEnabled);
        services.AddScoped<TriageExamples>();
        services.AddSingleton<SentenceEmbeddings>();
        services.AddSingleton<PassageConfidence>();
        services.AddSingleton<ExtractiveAnswerer>();
        services.AddSingleton<IAnswerGenerator, LlmAnswerGenerator>();
        services.AddBaseChatModel();
        services.AddAdapters();
        services.TryAddSingleton<IChatNotifier, NullChatNotifier>();
        services.AddScoped<ApprovedAnswerStore>();
        services.AddSingleton<ApprovedAnswerCache>();
        services.AddScoped<HandoffService>();
        services.AddScoped<FeedbackService>();
        services.AddTurnPipeline();
        services.AddScoped<AnalyticsService>();
        services.AddSingleton<ChatTelemetry>();
        services.AddSingleton<EvaluationRunner>();
        return services;
    }

    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
