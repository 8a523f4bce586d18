using SupportAgent.Core.Tenants;
using SupportAgent.Server.Conversations;

namespace SupportAgent.Server.Validation;

/// <summary>A customer's or staff member's message: not blank, and within the configured limit (the hub applies the same rule).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MessageTextAttribute : RuleAttribute
{
    protected override string? Problem(object? value, IServiceProvider services) =>
        services.GetRequiredService<MessageValidation>().Problem(value as string);
}

/// <summary>A new tenant's id: lower-case letters, digits and dashes (see <see cref="TenantService.ValidateId"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TenantIdAttribute : RuleAttribute
{
    protected override string? Problem(object? value, IServiceProvider services) => TenantService.ValidateId(value as string);
}

/// <summary>A tenant's display name, when one is given (the id stands in for a missing one).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TenantNameAttribute : RuleAttribute
{
    protected override string? Problem(object? value, IServiceProvider services) =>
        value is string name && !string.IsNullOrWhiteSpace(name) ? TenantInput.CheckName(name.Trim())?.Detail : null;
}

/// <summary>The origins a tenant's widget may be embedded on.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class AllowedOriginsAttribute : RuleAttribute
{
    protected override string? Problem(object? value, IServiceProvider services) => value is string?[] origins ? TenantInput.CheckOrigins(origins)?.Detail : null;
}
