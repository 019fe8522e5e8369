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

    public const string AdobeClientId = "adobe-client";
    public const string AdobeClientSecret = "adobe-secret";
    public const string AdobeOrgId = "TESTORG@AdobeOrg";
}
