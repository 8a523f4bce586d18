namespace SupportAgent.Server.Hosting;

/// <summary>Settings for running several replicas: <c>SupportAgent:Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "SupportAgent:Redis";

    /// <summary>
    /// StackExchange.Redis configuration (e.g. <c>redis:6379,password=…</c>). Set it when more than one replica serves
    /// the hub: live messages then reach clients connected to any replica. Unset means one process.
    /// </summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Protection of the data-protection key ring at rest: <c>SupportAgent:DataProtection</c>.</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "SupportAgent:DataProtection";

    /// <summary>
    /// A PFX certificate (with its private key) that encrypts every key of the ring before it is stored in the database;
    /// without it the keys are stored as plain XML and the database's own access control is their only protection.
    /// </summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
}
