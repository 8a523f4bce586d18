using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace SupportAgent.Server.ApiDocs;

/// <summary>
/// Which operations validate their input by annotations (<c>AddValidation()</c>): a parameter, or a member of a
/// parameter's type, carries a <see cref="ValidationAttribute"/>. Their 400 is a validation problem with an
/// <c>errors</c> map, and the document says so.
/// </summary>
public static class ValidatedRequests
{
    public static bool Validates(ApiDescription description) =>
        description.ParameterDescriptions.Any(p =>
            (p.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo is { } parameter
                && parameter.GetCustomAttributes<ValidationAttribute>(inherit: true).Any()
            || HasAnnotatedMembers(p.Type));

    private static bool HasAnnotatedMembers(Type? type) =>
        type is { IsClass: true } && type != typeof(string) && type.Namespace?.StartsWith("SupportAgent", StringComparison.Ordinal) == true
        && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.GetCustomAttributes<ValidationAttribute>(inherit: true).Any());
}
