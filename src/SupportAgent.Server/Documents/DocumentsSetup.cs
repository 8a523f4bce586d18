using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Knowledge.Ingestion;

namespace SupportAgent.Server.Documents;

public static class DocumentsSetup
{
    /// <summary>
    /// The background indexer, and multipart limits large enough for an upload of several files at the size limit.
    /// Call after the startup tasks: the worker must start after migrations have run.
    /// </summary>
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FormOptions>()
            .Configure<IOptions<IngestionOptions>>((form, ingestion) => form.MultipartBodyLengthLimit = ingestion.Value.MaxRequestBytes);
        builder.Services.AddIngestionWorker();
        return builder;
    }
}
