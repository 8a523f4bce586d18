using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SupportAgent.Core.Retrieval.Qdrant;

/// <summary>
/// A small typed client for exactly the Qdrant REST calls the index needs (Qdrant's own .NET client is not available
/// here). Every call on points takes the tenant and builds the filter itself, so no call can go out without the
/// tenant condition. Transient failures are retried by <see cref="QdrantRetryHandler"/> below it; what is left
/// surfaces as a <see cref="QdrantException"/> carrying Qdrant's error message.
/// </summary>
public sealed class QdrantClient(HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    internal async Task<bool> CollectionExistsAsync(string collection, CancellationToken ct) =>
        (await SendAsync<CollectionExistence>(HttpMethod.Get, $"collections/{collection}/exists", null, ct))!.Exists;

    /// <summary>Creates the collection; one created meanwhile by another replica (409) is fine.</summary>
    internal async Task CreateCollectionAsync(string collection, CreateCollection body, CancellationToken ct)
    {
        try { await SendAsync<JsonElement>(HttpMethod.Put, $"collections/{collection}", body, ct); }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.Conflict) { }
    }

    /// <summary>The tenant payload index; Qdrant treats re-creating an identical index as a no-op.</summary>
    internal Task CreateTenantIndexAsync(string collection, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Put, $"collections/{collection}/index?wait=true",
            new CreateFieldIndex("tenant_id", new KeywordIndexParams("keyword", IsTenant: true)), ct);

    internal async Task UpsertAsync(string collection, string tenantId, IReadOnlyList<QdrantPoint> points, CancellationToken ct)
    {
        if (points.FirstOrDefault(p => p.Payload.TenantId != tenantId) is { } stray)
            throw new InvalidOperationException($"Point for chunk '{stray.Payload.ChunkId}' belongs to tenant '{stray.Payload.TenantId}', not '{tenantId}'.");
        var result = await SendAsync<UpdateResult>(HttpMethod.Put, $"collections/{collection}/points?wait=true", new PointsList(points), ct);
        EnsureCompleted(result, "upsert");
    }

    internal async Task DeleteAsync(string collection, string tenantId, IEnumerable<object> must, IReadOnlyList<object>? mustNot, CancellationToken ct)
    {
        var body = new FilterSelector(QdrantFilter.ForTenant(tenantId, must, mustNot));
        var result = await SendAsync<UpdateResult>(HttpMethod.Post, $"collections/{collection}/points/delete?wait=true", body, ct);
        EnsureCompleted(result, "delete");
    }

    internal async Task<long> CountAsync(string collection, string tenantId, IEnumerable<object> must, CancellationToken ct) =>
        (await SendAsync<CountResult>(HttpMethod.Post, $"collections/{collection}/points/count",
            new CountRequest(QdrantFilter.ForTenant(tenantId, must)), ct))!.Count;

    /// <summary>All matching points of the tenant, page by page.</summary>
    internal async IAsyncEnumerable<ScoredPoint> ScrollAsync(
        string collection, string tenantId, IEnumerable<object> must, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var filter = QdrantFilter.ForTenant(tenantId, must);
        JsonElement? offset = null;
        do
        {
            var page = await SendAsync<ScrollResponse>(HttpMethod.Post, $"collections/{collection}/points/scroll", new ScrollRequest(filter, pageSize, offset), ct);
            foreach (var point in page?.Points ?? []) yield return point;
            offset = page?.NextPageOffset is { ValueKind: not JsonValueKind.Null } next ? next : null;
        } while (offset is not null);
    }

    /// <summary>Query API (1.19 removed <c>/points/search</c>). The tenant filter is top-level, so Qdrant applies it inside every prefetch too.</summary>
    internal async Task<IReadOnlyList<ScoredPoint>> QueryAsync(
        string collection, string tenantId, object query, string? @using, IReadOnlyList<Prefetch>? prefetch, int limit, CancellationToken ct)
    {
        var body = new QueryRequest(query, QdrantFilter.ForTenant(tenantId), limit, WithPayload: true, @using, prefetch);
        return (await SendAsync<QueryResponse>(HttpMethod.Post, $"collections/{collection}/points/query", body, ct))?.Points ?? [];
    }

    private static void EnsureCompleted(UpdateResult? result, string operation)
    {
        if (result?.Status != "completed")
            throw new QdrantException($"Qdrant did not complete the {operation} (status '{result?.Status}') although it was asked to wait.");
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // Bytes, not a lazily serialized stream, so the retry handler can send the same request again.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        var what = $"{method} {path.Split('?')[0]}";
        HttpResponseMessage response;
        try { response = await http.SendAsync(request, ct); }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        { throw new QdrantException($"Qdrant at {http.BaseAddress} did not answer {what} in time.", null, e); }
        catch (TimeoutException e)
        { throw new QdrantException($"Qdrant at {http.BaseAddress} did not answer {what} in time: {e.Message}", null, e); }
        catch (HttpRequestException e)
        { throw new QdrantException($"Qdrant at {http.BaseAddress} is unreachable ({what}): {e.Message}", null, e); }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new QdrantException(
                    $"Qdrant refused {what} with {(int)response.StatusCode} {response.StatusCode}: {ErrorMessage(text)}", response.StatusCode);
            try { return JsonSerializer.Deserialize<QdrantEnvelope<T>>(text, Json)!.Result; }
            catch (JsonException e) { throw new QdrantException($"Qdrant answered {what} with a body this client cannot read: {e.Message}", response.StatusCode, e); }
        }
    }

    /// <summary>Qdrant's <c>status.error</c>, or the raw body when a proxy in between answered instead.</summary>
    private static string ErrorMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("error", out var error))
                return error.GetString() ?? "(no message)";
        }
        catch (JsonException) { }
        return string.IsNullOrWhiteSpace(body) ? "(empty body)" : body.Length <= 500 ? body : body[..500] + "…";
    }
}
