namespace SupportAgent.Server.Auth;

public static class SupportClaims
{
    public const string Tenant = "tenant";
    public const string Role = "role";
    public const string KeyPrefix = "key_prefix";
}

public static class Policies
{
    public const string Operator = "operator";
    public const string Admin = "admin";
    /// <summary>Staff work; admins may do it too.</summary>
    public const string Staff = "staff";
    public const string Widget = "widget";
}
