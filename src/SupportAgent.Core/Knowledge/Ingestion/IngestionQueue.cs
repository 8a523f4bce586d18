using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SupportAgent.Core.Knowledge.Ingestion;

public sealed record DocumentKey(string TenantId, string DocumentId);

/// <summary>
/// The bounded hand-off from uploads to the worker. The database is the source of truth (a document is pending
/// there before it is queued), so when the queue is full the key is dropped and the worker's sweep finds it later:
/// an upload never blocks and nothing is lost.
/// </summary>
public sealed class IngestionQueue(IOptions<IngestionOptions> options)
{
    private readonly Channel<DocumentKey> channel = Channel.CreateBounded<DocumentKey>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(DocumentKey key) => channel.Writer.TryWrite(key);

    public ChannelReader<DocumentKey> Reader => channel.Reader;
}
