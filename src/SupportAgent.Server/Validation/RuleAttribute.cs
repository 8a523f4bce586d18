using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Server.Validation;

/// <summary>
/// A domain rule (a function that answers with a problem sentence, or null) worn as a validation annotation: the rule
/// stays in one place (the hub and the CLI call it too) and a violation becomes one entry of the 400's <c>errors</c> map,
/// checked before the handler runs.
/// </summary>
public abstract class RuleAttribute : ValidationAttribute
{
    protected abstract string? Problem(object? value, IServiceProvider services);

    protected sealed override ValidationResult? IsValid(object? value, ValidationContext context) =>
        Problem(value, context) is { } problem ? new ValidationResult(problem, context.MemberName is { } member ? [member] : null) : ValidationResult.Success;
}
