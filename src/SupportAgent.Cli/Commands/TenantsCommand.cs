using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Core.Tenants;

namespace SupportAgent.Cli.Commands;

internal static class TenantsCommand
{
    public static Command Create()
    {
        var id = new Option<string>("--id") { Description = "Tenant id (lowercase letters, digits, '-')", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var create = new Command("create", "Create a tenant and print its admin, staff and widget keys (shown once).") { id, name };
        create.SetAction(async (parse, ct) =>
        {
            var tenantId = parse.GetValue(id)!;
            if (TenantService.ValidateId(tenantId) is { } error) { Console.Error.WriteLine(error); return 2; }
            using var host = await CoreHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var tenants = scope.ServiceProvider.GetRequiredService<TenantService>();
            if (await tenants.ExistsAsync(tenantId, ct)) { Console.Error.WriteLine($"Tenant '{tenantId}' already exists."); return 1; }
            var keys = await tenants.CreateAsync(tenantId, parse.GetValue(name) ?? tenantId, [], null, ct);
            Console.WriteLine($"admin:  {keys.Admin}\nstaff:  {keys.Staff}\nwidget: {keys.Widget}");
            return 0;
        });
        return new Command("tenants", "Manage tenants.")
        {
            create, TenantLifecycleCommands.Show(), TenantLifecycleCommands.Update(), TenantLifecycleCommands.RotateKey(),
            TenantLifecycleCommands.Delete(), TenantLifecycleCommands.ReleaseAdapterName(),
        };
    }
}
