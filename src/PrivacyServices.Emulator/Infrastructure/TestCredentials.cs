namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>The credentials the emulator accepts out of the box (printed at start-up, listed in docs/emulator.md).</summary>
public static class TestCredentials
{
    public const string GenericClientId = "generic-client";
    /// <summary>Deliberately full of characters that RFC 6749 §2.3.1 requires to be form-encoded before Basic encoding.</summary>
    public const string GenericClientSecret = "s3cr:t+/=&% é";

    public const string DnbClientId = "dnb-client";
    public const string DnbClientSecret = "dnb-secret";

    public const string TeliaClientId = "telia-client";
    public const string TeliaClientSecret = "telia-secret";
    public const string TeliaProjectId = "demo-project";

    public const string EntraIdTenantId = "72f988bf-0000-4000-8000-00000000e17a";
    public const string EntraIdClientId = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    public const string EntraIdClientSecret = "entra~secret.Value_1";

    /// <summary>The X-IDENTITY-HEADER value the managed-identity endpoint expects (IDENTITY_HEADER in App Service and Azure Automation).</summary>
    public const string ManagedIdentityHeader = "emulator-identity-header";
    public const string SystemAssignedIdentityClientId = "9d3b5a71-0000-4000-8000-00000000517e";
    public const string UserAssignedIdentityClientId = "c0ffee00-0000-4000-8000-0000000000a1";

    /// <summary>Entra ID clients are registered per tenant: provider key <c>entra/{tenant}</c> (also for POST /_emulator/clients).</summary>
    public static string EntraIdRegistryKey(string tenant) => "entra/" + tenant;
}
