using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SupportAgent.Core.Data;

/// <summary>SQLite cannot compare DateTimeOffset values in SQL; unix milliseconds sort and filter correctly everywhere.</summary>
internal sealed class DateTimeOffsetToUnixMsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
