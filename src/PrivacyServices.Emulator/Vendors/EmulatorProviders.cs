namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>One emulated provider as a user connects to it: where its token endpoint and API live, and its test client.</summary>
/// <param name="Settings">Further Connect-PrivacyService parameters the provider needs (ProjectId, OrgId, CustomerId, TenantId, Scope).</param>
public sealed record EmulatorProvider(string Provider, string TokenPath, string ApiPath, string ClientId, string Secret, IReadOnlyDictionary<string, string> Settings, string RegistryKey);

/// <summary>
/// The one table of the emulator's providers and default credentials: the client registry is seeded from it, the start-up
/// banner prints it, <c>GET /_emulator/providers</c> serves it, and the PrivacyServicesEmulator module builds
/// Connect-PrivacyService parameters from it.
/// </summary>
public static class EmulatorProviders
{
    public static readonly IReadOnlyList<EmulatorProvider> All = new[]
    {
        new EmulatorProvider("Telia", "telia/oauth/token", "telia/api", TestCredentials.TeliaClientId, TestCredentials.TeliaClientSecret,
            new Dictionary<string, string> { ["ProjectId"] = TestCredentials.TeliaProjectId }, "telia"),
        new EmulatorProvider("Adobe", "adobe/ims/token/v3", "adobe/data/core/privacy", TestCredentials.AdobeClientId, TestCredentials.AdobeClientSecret,
            new Dictionary<string, string> { ["OrgId"] = TestCredentials.AdobeOrgId }, "adobe"),
        new EmulatorProvider("DnB", "dnb/as/token.oauth2", "dnb/api", TestCredentials.DnbClientId, TestCredentials.DnbClientSecret,
            new Dictionary<string, string>(), "dnb"),
        new EmulatorProvider("LiveRamp", "liveramp/oauth2/default/v2/token", "liveramp/privacy/v2", TestCredentials.LiveRampAccountId, TestCredentials.LiveRampSecretKey,
            new Dictionary<string, string>(), "liveramp"),
        new EmulatorProvider("MX", "mx/api/v4/token", "mx", TestCredentials.MxClientId, TestCredentials.MxClientSecret,
            new Dictionary<string, string> { ["CustomerId"] = TestCredentials.MxCustomerId }, "mx"),
        new EmulatorProvider("EntraId", $"entra/{TestCredentials.EntraIdTenantId}/oauth2/v2.0/token", "entra/api", TestCredentials.EntraIdClientId, TestCredentials.EntraIdClientSecret,
            new Dictionary<string, string> { ["TenantId"] = TestCredentials.EntraIdTenantId, ["Scope"] = "api://privacyservices-emulator/.default" },
            TestCredentials.EntraIdRegistryKey(TestCredentials.EntraIdTenantId)),
        new EmulatorProvider("Generic", "generic/token", "generic/api", TestCredentials.GenericClientId, TestCredentials.GenericClientSecret,
            new Dictionary<string, string>(), "generic"),
    };

    /// <summary>The table with absolute URIs under <paramref name="root"/> (no trailing slash), as the control endpoint serves it.</summary>
    public static IEnumerable<object> Describe(string root) => All.Select(p => new
    {
        provider = p.Provider,
        tokenUri = $"{root}/{p.TokenPath}",
        apiBaseUri = $"{root}/{p.ApiPath}",
        clientId = p.ClientId,
        secret = p.Secret,
        settings = p.Settings,
    });
}
