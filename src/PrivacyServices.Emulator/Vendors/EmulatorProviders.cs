using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Endpoints;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>One emulated provider: its routes, and how a user connects to it (token endpoint, API, test client).</summary>
/// <param name="Settings">Further Connect-PrivacyService parameters the provider needs (ProjectId, OrgId, CustomerId, TenantId, Scope).</param>
/// <param name="Map">Maps the vendor's routes (in the vendor's own folder).</param>
/// <param name="Note">More the start-up banner says about it; <c>{root}</c> and <c>{files}</c> stand for the emulator's URIs.</param>
public sealed record EmulatorProvider(
    string Provider,
    string TokenPath,
    string ApiPath,
    string ClientId,
    string Secret,
    IReadOnlyDictionary<string, string> Settings,
    string RegistryKey,
    Action<IEndpointRouteBuilder, EmulatorState> Map,
    string? Note = null);

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
            new Dictionary<string, string> { ["ProjectId"] = TestCredentials.TeliaProjectId }, "telia", TeliaEndpoints.Map),
        new EmulatorProvider("Adobe", "adobe/ims/token/v3", "adobe/data/core/privacy", TestCredentials.AdobeClientId, TestCredentials.AdobeClientSecret,
            new Dictionary<string, string> { ["OrgId"] = TestCredentials.AdobeOrgId }, "adobe", AdobeEndpoints.Map),
        new EmulatorProvider("DnB", "dnb/as/token.oauth2", "dnb/api", TestCredentials.DnbClientId, TestCredentials.DnbClientSecret,
            new Dictionary<string, string>(), "dnb", DnbEndpoints.Map),
        new EmulatorProvider("LiveRamp", "liveramp/oauth2/default/v2/token", "liveramp/privacy/v2", TestCredentials.LiveRampAccountId, TestCredentials.LiveRampSecretKey,
            new Dictionary<string, string>(), "liveramp", LiveRampEndpoints.Map,
            "credentials file: GET {root}/_emulator/liveramp/credentials.json; signed fileURLs on {files}"),
        new EmulatorProvider("MX", "mx/api/v4/token", "mx", TestCredentials.MxClientId, TestCredentials.MxClientSecret,
            new Dictionary<string, string> { ["CustomerId"] = TestCredentials.MxCustomerId }, "mx", MxEndpoints.Map),
        new EmulatorProvider("EntraId", $"entra/{TestCredentials.EntraIdTenantId}/oauth2/v2.0/token", "entra/api", TestCredentials.EntraIdClientId, TestCredentials.EntraIdClientSecret,
            new Dictionary<string, string> { ["TenantId"] = TestCredentials.EntraIdTenantId, ["Scope"] = "api://privacyservices-emulator/.default" },
            TestCredentials.EntraIdRegistryKey(TestCredentials.EntraIdTenantId), EntraIdEndpoints.Map,
            $"managed identity: IDENTITY_ENDPOINT={{root}}/msi/token IDENTITY_HEADER={TestCredentials.ManagedIdentityHeader} (user-assigned client id {TestCredentials.UserAssignedIdentityClientId})"),
        new EmulatorProvider("Generic", "generic/token", "generic/api", TestCredentials.GenericClientId, TestCredentials.GenericClientSecret,
            new Dictionary<string, string>(), "generic", GenericOAuthEndpoints.Map),
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
