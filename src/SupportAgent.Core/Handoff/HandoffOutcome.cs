namespace SupportAgent.Core.Handoff;

/// <summary>A staff action's result: the value, or why it was refused (a status the host maps to ProblemDetails).</summary>
public sealed record HandoffOutcome<T>(T? Value, HandoffError? Error = null) where T : class
{
    public static implicit operator HandoffOutcome<T>(T value) => new(value);
    public static implicit operator HandoffOutcome<T>(HandoffError error) => new(null, error);
}

public sealed record HandoffError(HandoffErrorKind Kind, string Detail)
{
    public static HandoffError NotFound(string detail) => new(HandoffErrorKind.NotFound, detail);
    public static HandoffError Invalid(string detail) => new(HandoffErrorKind.Invalid, detail);
    public static HandoffError Conflict(string detail) => new(HandoffErrorKind.Conflict, detail);
}

public enum HandoffErrorKind
{
    NotFound,
    Invalid,
    Conflict,
}
