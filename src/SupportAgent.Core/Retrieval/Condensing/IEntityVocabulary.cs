namespace SupportAgent.Core.Retrieval.Condensing;

/// <summary>Tells which (stemmed) terms name an entity in the tenant's knowledge; see <see cref="TitleVocabulary"/>.</summary>
public interface IEntityVocabulary
{
    Task<Func<string, bool>> EntityTermsAsync(string tenantId, CancellationToken ct);

    /// <summary>Whole entity names, when the tenant's titles carry them; none by default.</summary>
    Task<EntityNames> NamesAsync(string tenantId, CancellationToken ct) => Task.FromResult(EntityNames.None);
}
