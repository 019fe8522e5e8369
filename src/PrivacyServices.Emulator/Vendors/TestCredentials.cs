namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>The credentials the emulator accepts out of the box (printed at start-up, listed in docs/emulator.md).</summary>
public static class TestCredentials
{
    public const string GenericClientId = "generic-client";
    /// <summary>Deliberately full of characters that RFC 6749 §2.3.1 requires to be form-encoded before Basic encoding.</summary>
    public const string GenericClientSecret = "s3cr:t+/=&% é";

    /// <summary>The Generic provider's password grant: a resource owner, and a public client that sends only its id.</summary>
    public const string GenericUserName = "generic-user";
    public const string GenericUserPassword = "user-pass";
    public const string GenericPublicClientId = "generic-public";

    public const string DnbClientId = "dnb-client";
    public const string DnbClientSecret = "dnb-secret";

    public const string TeliaClientId = "telia-client";
    public const string TeliaClientSecret = "telia-secret";
    public const string TeliaProjectId = "demo-project";

    public const string MxClientId = "mx-client";
    public const string MxClientSecret = "mx-secret";
    public const string MxCustomerId = "cust-42";
    public const string MxConsentId = "cns-1001";
    /// <summary>The LiveRamp service account (password grant: username = account_id, password = secret_key).</summary>
    public const string LiveRampAccountId = "svc-privacy@serviceaccounts.liveramp.com";
    public const string LiveRampSecretKey = "liveramp-secret-key";
    public const string LiveRampClientId = "liveramp-api";

    /// <summary>A LiveRamp service-account credentials file (serviceAccount/v2) whose token_uri is <paramref name="tokenUri"/>.</summary>
    public static string LiveRampCredentialFile(Uri tokenUri, string accountId = LiveRampAccountId, string secretKey = LiveRampSecretKey) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "serviceAccount/v2",
            ["uid"] = "6f1f6c2e-9d1b-4b8e-a3c4-2f7d0e5b9a10",
            ["account_id"] = accountId,
            ["secret_key"] = secretKey,
            ["client_id"] = LiveRampClientId,
            ["token_uri"] = tokenUri.AbsoluteUri,
        });
    public const string EntraIdTenantId = "72f988bf-0000-4000-8000-00000000e17a";
    public const string EntraIdClientId = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    public const string EntraIdClientSecret = "entra~secret.Value_1";

    /// <summary>The X-IDENTITY-HEADER value the managed-identity endpoint expects (IDENTITY_HEADER in App Service and Azure Automation).</summary>
    public const string ManagedIdentityHeader = "emulator-identity-header";
    public const string SystemAssignedIdentityClientId = "9d3b5a71-0000-4000-8000-00000000517e";
    public const string UserAssignedIdentityClientId = "c0ffee00-0000-4000-8000-0000000000a1";

    /// <summary>Entra ID clients are registered per tenant: provider key <c>entra/{tenant}</c> (also for POST /_emulator/clients).</summary>
    public static string EntraIdRegistryKey(string tenant) => "entra/" + tenant;
    public const string AdobeClientId = "adobe-client";
    public const string AdobeClientSecret = "adobe-secret";
    public const string AdobeOrgId = "TESTORG@AdobeOrg";
}
