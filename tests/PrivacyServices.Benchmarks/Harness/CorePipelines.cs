using System.Security;
using PrivacyServices.Authentication;
using PrivacyServices.Emulator.Endpoints;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.Http;
using PrivacyServices.Tokens;

namespace PrivacyServices.Benchmarks.Harness;

/// <summary>SessionHttpClients built from the core's public types as SessionFactory builds them: the module's work without PowerShell.</summary>
public static class CorePipelines
{
    public static SessionHttpClient Telia(string root) => Build(
        new ClientCredentialsTokenSource(
            new Uri(root + "/telia/oauth/token"),
            new ClientSecretCredential(TestCredentials.TeliaClientId, Secure(TestCredentials.TeliaClientSecret)),
            ClientAuthentication.Body,
            Array.Empty<string>(),
            " ",
            new HttpClient()),
        new Uri(root + "/telia/api"));

    public static SessionHttpClient LiveRamp(string root) => Build(
        new PasswordTokenSource(
            new Uri(root + LiveRampEndpoints.TokenPath),
            new ClientSecretCredential(TestCredentials.LiveRampAccountId, Secure(TestCredentials.LiveRampSecretKey)),
            new[] { "openid" },
            new Dictionary<string, string> { ["client_id"] = TestCredentials.LiveRampClientId, ["response_type"] = "token" },
            new HttpClient()),
        new Uri(root + LiveRampEndpoints.ApiPath));

    private static SessionHttpClient Build(ITokenSource source, Uri apiBase)
    {
        var tokens = new TokenCache(source, new RefreshPolicy(RefreshPolicy.DefaultMargin));
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        return new SessionHttpClient(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, tokens, apiBase, null, new RetryPolicy(), TimeSpan.FromSeconds(100));
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        return secure;
    }
}
