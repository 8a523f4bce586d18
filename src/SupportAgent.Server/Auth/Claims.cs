namespace SupportAgent.Server.Auth;

public static class SupportClaims
{
    public const string Tenant = "tenant";
    public const string Role = "role";
    public const string KeyPrefix = "key_prefix";
    /// <summary>The public id of the key the request came with (<c>KeyHasher.Id</c>).</summary>
    public const string KeyId = "key_id";
    /// <summary>The console session's secret (<c>StaffSessions</c>); the cookie counts only while its row exists.</summary>
    public const string Session = "session";
}

public static class Policies
{
    public const string Operator = "operator";
    public const string Admin = "admin";
    /// <summary>A tenant's own settings and keys: its admin, or the operator.</summary>
    public const string AdminOrOperator = "admin-or-operator";
    /// <summary>Staff work; admins may do it too.</summary>
    public const string Staff = "staff";
    public const string Widget = "widget";
}
