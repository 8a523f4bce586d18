namespace SupportAgent.Tools.Bench;

/// <summary>
/// One deployment shape to load: <c>sqlite:1</c> is the embedded default (one replica, SQLite and the embedded index
/// in its data directory); <c>postgres:N</c> is N replicas on one PostgreSQL database and, with more than one replica,
/// the Redis backplane and a shared index (the fake Qdrant, since the embedded index lives in one replica's directory).
/// </summary>
internal sealed record BenchTopology(string Database, int Replicas)
{
    public bool Shared => Replicas > 1;

    public string Describe() => Database == "sqlite"
        ? $"{Replicas} × SQLite, embedded index"
        : $"{Replicas} × PostgreSQL{(Shared ? " + Redis, Qdrant (fake, in the driver)" : ", embedded index")}";

    public static BenchTopology Parse(string value) => value.Split(':') switch
    {
        ["sqlite", "1"] or ["sqlite"] => new("sqlite", 1),
        ["postgres", var n] when int.TryParse(n, out var replicas) && replicas is >= 1 and <= 8 => new("postgres", replicas),
        ["postgres"] => new("postgres", 1),
        _ => throw new ArgumentException($"Unknown topology '{value}': use sqlite:1 or postgres:N (N = 1..8)."),
    };
}
