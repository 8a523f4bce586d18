namespace SupportAgent.Core.Tenants;

public enum ApiKeyRole
{
    Admin,
    Staff,
    Widget,
}

public static class Roles
{
    public const string Operator = "operator";
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string Widget = "widget";

    public static string Name(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Admin => Admin,
        ApiKeyRole.Staff => Staff,
        _ => Widget,
    };
}
