namespace SupportAgent.Core.Outcomes;

/// <summary>
/// What a domain operation gives back when it may be refused for a reason the caller must hear: the value, or a
/// <see cref="Refusal"/>. It is the one way the core says "no" to a request (exceptions stay for failures nobody
/// asked for); the host maps a refusal to ProblemDetails in one place, the CLI to an exit code.
/// </summary>
public sealed record Outcome<T>(T? Value, Refusal? Refusal = null) where T : class
{
    public static implicit operator Outcome<T>(T value) => new(value);
    public static implicit operator Outcome<T>(Refusal refusal) => new(null, refusal);
}

/// <summary>Why a request was refused: its kind (which decides the HTTP status) and a sentence the caller can act on.</summary>
public sealed record Refusal(RefusalKind Kind, string Detail)
{
    public static Refusal Invalid(string detail) => new(RefusalKind.Invalid, detail);
    public static Refusal NotFound(string detail) => new(RefusalKind.NotFound, detail);
    public static Refusal Conflict(string detail) => new(RefusalKind.Conflict, detail);
    public static Refusal TooLarge(string detail) => new(RefusalKind.TooLarge, detail);
}

public enum RefusalKind
{
    /// <summary>The request itself is wrong (400).</summary>
    Invalid,
    /// <summary>What it names does not exist for this tenant (404).</summary>
    NotFound,
    /// <summary>It clashes with the current state: already resolved, a name taken (409).</summary>
    Conflict,
    /// <summary>It is more than the server accepts in one request: send less, or in several requests (413).</summary>
    TooLarge,
}
