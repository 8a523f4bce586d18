using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SupportAgent.Core.Data;

/// <summary>An enum stored as its lower-case name ("high"), the spelling these columns had as strings and the API shows.</summary>
internal sealed class LowerCaseEnumConverter<T>() : ValueConverter<T, string>(v => v.ToString().ToLowerInvariant(), s => Enum.Parse<T>(s, true))
    where T : struct, Enum;
