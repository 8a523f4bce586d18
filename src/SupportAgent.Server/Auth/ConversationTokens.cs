using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Server.Auth;

/// <summary>
/// The secret a client must show for everything about one conversation. The public widget key only proves which
/// tenant's site a request comes from; a conversation id alone must never open someone else's chat. The token is a
/// data-protected (encrypted and signed) record of tenant, conversation and expiry, so it needs no storage, every
/// replica sharing the key ring accepts it, and it cannot be forged or moved to another conversation. It also names the
/// widget key it was issued under and counts only for a caller holding that key, so rotating the widget key ends every
/// conversation session opened with the old one.
/// </summary>
public sealed class ConversationTokens(IDataProtectionProvider provider, TimeProvider clock, SupportDbContext db)
{
    public const string Header = "X-Conversation-Token";

    private readonly IDataProtector protector = provider.CreateProtector("SupportAgent.ConversationToken.v1");

    /// <summary>A token for a new conversation, valid for the tenant's widget session lifetime (so a restored session expires).</summary>
    public async Task<string> IssueAsync(ClaimsPrincipal issuer, string tenantId, string conversationId, CancellationToken ct)
    {
        var hours = (await TenantById(db, tenantId, ct)).Settings.ConversationSessionHours;
        var expires = clock.GetUtcNow().AddHours(Math.Clamp(hours, 0.25, 24 * 90)).ToUnixTimeSeconds();
        return protector.Protect($"{tenantId}\n{conversationId}\n{expires.ToString(CultureInfo.InvariantCulture)}\n{KeyIdOf(issuer)}");
    }

    /// <summary>True only for an unexpired token issued for exactly this tenant's conversation under the caller's key.</summary>
    public bool IsValid(ClaimsPrincipal caller, string tenantId, string conversationId, string? token) =>
        ExpiryOf(caller, tenantId, conversationId, token) is { } expires && clock.GetUtcNow().ToUnixTimeSeconds() < expires;

    /// <summary>
    /// The same for a caller on one live connection (the hub): the token that opened this conversation on this
    /// connection is remembered in <paramref name="connectionItems"/>, so the next messages skip decrypting and
    /// verifying it again (a visible share of a message's CPU). Only the same token, tenant and conversation match,
    /// the caller's key cannot change on a connection, and the expiry is checked every time.
    /// </summary>
    public bool IsValid(ClaimsPrincipal caller, string tenantId, string conversationId, string? token, IDictionary<object, object?> connectionItems)
    {
        if (connectionItems.TryGetValue(typeof(Remembered), out var item) && item is Remembered known
            && known.Token == token && known.TenantId == tenantId && known.ConversationId == conversationId)
            return clock.GetUtcNow().ToUnixTimeSeconds() < known.Expires;
        if (ExpiryOf(caller, tenantId, conversationId, token) is not { } expires) return false;
        connectionItems[typeof(Remembered)] = new Remembered(token!, tenantId, conversationId, expires);
        return clock.GetUtcNow().ToUnixTimeSeconds() < expires;
    }

    /// <summary>The expiry of a genuine token issued for exactly this tenant's conversation under the caller's key, else null.</summary>
    private long? ExpiryOf(ClaimsPrincipal caller, string tenantId, string conversationId, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1024) return null;
        string payload;
        try { payload = protector.Unprotect(token.Trim()); }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
        var parts = payload.Split('\n');
        return parts.Length == 4
            && parts[0] == tenantId && parts[1] == conversationId && parts[3] == KeyIdOf(caller)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) ? expires : null;
    }

    /// <summary>Read for every conversation started, so compiled once (the same SQL as the LINQ it replaces).</summary>
    private static readonly Func<SupportDbContext, string, CancellationToken, Task<Tenant>> TenantById =
        CompiledQueries.CompileAsyncQuery((SupportDbContext db, string tenantId, CancellationToken ct) => db.Tenants.AsNoTracking().First(t => t.Id == tenantId));

    private sealed record Remembered(string Token, string TenantId, string ConversationId, long Expires);

    private static string KeyIdOf(ClaimsPrincipal user) => user.FindFirst(SupportClaims.KeyId)?.Value ?? "";
}
