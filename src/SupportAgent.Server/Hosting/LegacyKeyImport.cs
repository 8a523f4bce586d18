using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SupportAgent.Core.Data;

namespace SupportAgent.Server.Hosting;

/// <summary>
/// Earlier versions kept the key ring as XML files in <c>{data}/keys</c>. The first start with the key ring in the
/// database copies them in once, so adapter API keys encrypted before the upgrade still decrypt and signed-in console
/// sessions survive it.
/// </summary>
internal static class LegacyKeyImport
{
    public static async Task ImportAsync(SupportDbContext db, string dataDirectory, CancellationToken ct)
    {
        var folder = Path.Combine(dataDirectory, "keys");
        if (!Directory.Exists(folder) || await db.DataProtectionKeys.AnyAsync(ct)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order())
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = await File.ReadAllTextAsync(file, ct) });
        await db.SaveChangesAsync(ct);
    }
}
