namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>Tells which (stemmed) terms name an entity in the tenant's knowledge; see <see cref="TitleVocabulary"/>.</summary>
public interface IEntityVocabulary
{
    Task<Func<string, bool>> EntityTermsAsync(string tenantId, CancellationToken ct);

    /// <summary>Whole entity names, when the tenant's titles carry them; none by default.</summary>
    Task<EntityNames> NamesAsync(string tenantId, CancellationToken ct) => Task.FromResult(EntityNames.None);

    /// <summary>Both at once, for a caller that needs both on every turn (a vocabulary may answer them from one read).</summary>
    async Task<(Func<string, bool> IsEntity, EntityNames Names)> LookupAsync(string tenantId, CancellationToken ct) =>
        (await EntityTermsAsync(tenantId, ct), await NamesAsync(tenantId, ct));

    /// <summary>The same, given the tenant's documents version when the caller has read it already (null: look it up).</summary>
    Task<(Func<string, bool> IsEntity, EntityNames Names)> LookupAsync(string tenantId, DocumentsVersion? documents, CancellationToken ct) =>
        LookupAsync(tenantId, ct);
}
