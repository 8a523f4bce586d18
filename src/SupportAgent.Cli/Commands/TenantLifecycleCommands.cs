using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Adapters;
using SupportAgent.Core.Outcomes;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Cli.Commands;

/// <summary>The tenant lifecycle of the HTTP API (show, update, rotate-key, delete) for the operator at the console.</summary>
internal static class TenantLifecycleCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Option<string> IdOption() => new("--id") { Description = "Tenant id", Required = true };

    public static Command Show()
    {
        var id = IdOption();
        var show = new Command("show", "Print the tenant: name, allowed origins, settings and its keys' prefixes (never the keys).") { id };
        show.SetAction(async (parse, ct) =>
        {
            using var host = await CoreHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var tenants = scope.ServiceProvider.GetRequiredService<TenantService>();
            var tenantId = parse.GetValue(id)!;
            if (await tenants.FindAsync(tenantId, ct) is not { } tenant) return Fail(parse, $"Tenant '{tenantId}' does not exist.");
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(TenantView.From(tenant, await tenants.KeysAsync(tenantId, ct)), Json));
            return 0;
        });
        return show;
    }

    public static Command Update()
    {
        var id = IdOption();
        var name = new Option<string?>("--name") { Description = "New display name" };
        var origins = new Option<string[]?>("--origin") { Description = "Allowed origin (repeat; replaces the whole list)", AllowMultipleArgumentsPerToken = true };
        var settings = new Option<string?>("--settings") { Description = "Settings to change, as JSON, e.g. '{\"answerThreshold\":0.6}'" };
        var update = new Command("update", "Change the name, the allowed origins or some settings; a value out of range changes nothing.") { id, name, origins, settings };
        update.SetAction(async (parse, ct) =>
        {
            TenantSettingsPatch? settingsPatch;
            try { settingsPatch = parse.GetValue(settings) is { } text ? JsonSerializer.Deserialize<TenantSettingsPatch>(text, Json) : null; }
            catch (JsonException e) { return Fail(parse, $"--settings is not valid: {e.Message}", 2); }
            using var host = await CoreHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var change = await scope.ServiceProvider.GetRequiredService<TenantService>()
                .UpdateAsync(parse.GetValue(id)!, new TenantPatch(parse.GetValue(name), parse.GetValue(origins), settingsPatch), ct);
            if (change.Refusal is { } refusal) return Fail(parse, refusal.Detail, refusal.Kind == RefusalKind.NotFound ? 1 : 2);
            parse.InvocationConfiguration.Output.WriteLine($"Tenant '{change.Value!.Id}' updated.");
            return 0;
        });
        return update;
    }

    public static Command RotateKey()
    {
        var id = IdOption();
        var role = new Option<string>("--role") { Description = "admin, staff or widget", Required = true };
        role.AcceptOnlyFromAmong(Roles.Admin, Roles.Staff, Roles.Widget);
        var rotate = new Command("rotate-key", "Replace a key and print the new one; the old key stops working at once.") { id, role };
        rotate.SetAction(async (parse, ct) =>
        {
            var which = parse.GetValue(role) switch { Roles.Admin => ApiKeyRole.Admin, Roles.Staff => ApiKeyRole.Staff, _ => ApiKeyRole.Widget };
            using var host = await CoreHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var key = await scope.ServiceProvider.GetRequiredService<TenantService>().RotateKeyAsync(parse.GetValue(id)!, which, ct);
            if (key is null) return Fail(parse, $"Tenant '{parse.GetValue(id)}' does not exist.");
            parse.InvocationConfiguration.Output.WriteLine(key);
            return 0;
        });
        return rotate;
    }

    public static Command Delete()
    {
        var id = IdOption();
        var yes = new Option<bool>("--yes") { Description = "Confirm: the tenant's documents, conversations and models are deleted for good" };
        var delete = new Command("delete", "Delete the tenant with its documents, index points, conversations and models.") { id, yes };
        delete.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(yes)) return Fail(parse, "Deleting a tenant cannot be undone; pass --yes to confirm.", 2);
            using var host = await CoreHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<TenantPurge>().DeleteAsync(parse.GetValue(id)!, ct))
                return Fail(parse, $"Tenant '{parse.GetValue(id)}' does not exist.");
            parse.InvocationConfiguration.Output.WriteLine($"Tenant '{parse.GetValue(id)}' deleted.");
            return 0;
        });
        return delete;
    }

    public static Command ReleaseAdapterName()
    {
        var name = new Option<string>("--name") { Description = "Adapter name", Required = true };
        var release = new Command("release-adapter-name", "Let any tenant register an adapter name again (names stay bound to their tenant after deletion).") { name };
        release.SetAction(async (parse, ct) =>
        {
            using var host = await CoreHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<AdapterRegistry>().ReleaseNameAsync(parse.GetValue(name)!, ct);
            return outcome switch
            {
                NameRelease.Released => Done(parse, $"Adapter name '{parse.GetValue(name)}' released."),
                NameRelease.InUse => Fail(parse, $"Adapter name '{parse.GetValue(name)}' is used by a registered adapter; its tenant must delete it first."),
                _ => Fail(parse, $"Adapter name '{parse.GetValue(name)}' is not bound to any tenant."),
            };
        });
        return release;
    }

    private static int Done(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Output.WriteLine(message);
        return 0;
    }

    private static int Fail(ParseResult parse, string message, int code = 1)
    {
        parse.InvocationConfiguration.Error.WriteLine(message);
        return code;
    }
}
