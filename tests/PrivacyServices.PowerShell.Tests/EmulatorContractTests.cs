using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The emulator checked against the vendors' published contracts, not against our own client: its OAuth answers through
/// a strict third-party OAuth 2.0 client (Duende.IdentityModel) and RFC 6749/6750's header rules, its Adobe answers
/// against Adobe's OpenAPI file (shared/specs).
/// </summary>
public sealed class EmulatorContractTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly HttpClient _http = new();

    public EmulatorContractTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.State.Adobe.Reset();
    }

    public void Dispose() => _http.Dispose();

    public static TheoryData<string, string, string, string?, ClientCredentialStyle> ClientCredentialEndpoints() => new()
    {
        { "/telia/oauth/token", TestCredentials.TeliaClientId, TestCredentials.TeliaClientSecret, null, ClientCredentialStyle.PostBody },
        { "/adobe/ims/token/v3", TestCredentials.AdobeClientId, TestCredentials.AdobeClientSecret, "openid,AdobeID,read_organizations", ClientCredentialStyle.PostBody },
        { "/adobe/ims/token/v2", TestCredentials.AdobeClientId, TestCredentials.AdobeClientSecret, "openid,AdobeID", ClientCredentialStyle.PostBody },
        { "/dnb/as/token.oauth2", TestCredentials.DnbClientId, TestCredentials.DnbClientSecret, "bci", ClientCredentialStyle.AuthorizationHeader },
        { "/generic/token", TestCredentials.GenericClientId, TestCredentials.GenericClientSecret, null, ClientCredentialStyle.AuthorizationHeader },
        { "/generic/token", TestCredentials.GenericClientId, TestCredentials.GenericClientSecret, "read write", ClientCredentialStyle.PostBody },
        { $"/entra/{TestCredentials.EntraIdTenantId}/oauth2/v2.0/token", TestCredentials.EntraIdClientId, TestCredentials.EntraIdClientSecret, "https://api.contoso.test/.default", ClientCredentialStyle.PostBody },
    };

    [Theory]
    [MemberData(nameof(ClientCredentialEndpoints))]
    public async Task Client_credentials_answers_satisfy_a_strict_OAuth_client_and_RFC_6749(string path, string clientId, string secret, string? scope, ClientCredentialStyle style)
    {
        var response = await _http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = _emulator.Server.Url(path).AbsoluteUri,
            ClientId = clientId,
            ClientSecret = secret,
            Scope = scope,
            ClientCredentialStyle = style,
        });

        Assert.False(response.IsError, $"{path}: {response.Error} {response.ErrorDescription} {response.Raw}");
        AssertTokenResponse(path, response, expectedScope: path.StartsWith("/generic", StringComparison.Ordinal) ? scope : null);
    }

    [Fact]
    public async Task LiveRamp_password_grant_answers_with_an_id_token_for_its_client()
    {
        var response = await _http.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = _emulator.Server.Url(Emulator.Endpoints.LiveRampEndpoints.TokenPath).AbsoluteUri,
            ClientId = TestCredentials.LiveRampClientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            UserName = TestCredentials.LiveRampAccountId,
            Password = TestCredentials.LiveRampSecretKey,
            Scope = "openid",
            Parameters = { { "response_type", "token" } },
        });

        Assert.False(response.IsError, response.Error);
        AssertTokenResponse("liveramp", response, expectedScope: "openid");
        var idToken = Claims(response.IdentityToken!);
        Assert.Equal(TestCredentials.LiveRampClientId, (string?)idToken["aud"]);
        Assert.Equal(TestCredentials.LiveRampAccountId, (string?)idToken["sub"]);
    }

    [Fact]
    public async Task Adobe_access_tokens_carry_the_IMS_claims_its_client_library_caches_by()
    {
        var response = await AdobeTokenAsync();
        var claims = Claims(response.AccessToken!);
        var createdAt = long.Parse((string)claims["created_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        var expiresIn = long.Parse((string)claims["expires_in"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(response.ExpiresIn * 1000L, expiresIn);
        Assert.Equal((long)claims["iat"]!, createdAt / 1000);
        Assert.Equal(TestCredentials.AdobeClientId, (string?)claims["client_id"]);
    }

    public static TheoryData<string, string, string?> RefusedTokenRequests() => new()
    {
        // path, expected RFC 6749 §5.2 error, the WWW-Authenticate scheme a 401 must carry (null: not a 401)
        { "/telia/oauth/token", "unauthorized_client", "Basic" },
        { "/dnb/as/token.oauth2", "invalid_client", "Basic" },
        { "/generic/token", "invalid_client", "Basic" },
        { "/adobe/ims/token/v3", "invalid_client", null },
    };

    [Theory]
    [MemberData(nameof(RefusedTokenRequests))]
    public async Task Refused_token_requests_use_the_RFC_error_codes_and_challenge_on_401(string path, string error, string? challenge)
    {
        var response = await _http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = _emulator.Server.Url(path).AbsoluteUri,
            ClientId = path.Contains("adobe") ? TestCredentials.AdobeClientId : path.Contains("telia") ? TestCredentials.TeliaClientId : path.Contains("dnb") ? TestCredentials.DnbClientId : TestCredentials.GenericClientId,
            ClientSecret = "wrong-secret",
            Scope = path.Contains("adobe") ? "openid" : null,
            ClientCredentialStyle = path.Contains("dnb") || path.Contains("generic") ? ClientCredentialStyle.AuthorizationHeader : ClientCredentialStyle.PostBody,
        });

        Assert.True(response.IsError);
        Assert.Equal(error, (string?)JsonNode.Parse(response.Raw!)!["error"]);
        Assert.Equal("no-store", response.HttpResponse!.Headers.CacheControl?.ToString());
        if (challenge is null)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.HttpStatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.HttpStatusCode);
            Assert.Equal(challenge, Assert.Single(response.HttpResponse.Headers.WwwAuthenticate).Scheme);
        }
    }

    [Theory]
    [InlineData("/telia/api/demo-project/configurations/projectInfo")]
    [InlineData("/dnb/api/consumerintelligence/person/v2/")]
    [InlineData("/liveramp/privacy/v2/consent-files")]
    [InlineData("/generic/api/echo")]
    public async Task API_401s_carry_a_Bearer_challenge_with_invalid_token_only_when_a_token_was_sent(string path)
    {
        using (var none = await _http.GetAsync(_emulator.Server.Url(path)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            var challenge = Assert.Single(none.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            Assert.DoesNotContain("error=", challenge.Parameter ?? string.Empty, StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, _emulator.Server.Url(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var bad = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("error=\"invalid_token\"", Assert.Single(bad.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
        Assert.Null(bad.Headers.CacheControl);
    }

    [Fact]
    public async Task Adobe_job_answers_validate_against_Adobes_OpenAPI()
    {
        _emulator.Server.State.Adobe.SpecSpelling = true;
        try
        {
            var token = (await AdobeTokenAsync()).AccessToken!;
            var body = new JsonObject
            {
                ["companyContexts"] = new JsonArray(new JsonObject { ["namespace"] = "imsOrgID", ["value"] = TestCredentials.AdobeOrgId }),
                ["users"] = new JsonArray(new JsonObject
                {
                    ["key"] = "DavidSmith",
                    ["action"] = new JsonArray("access"),
                    ["userIDs"] = new JsonArray(new JsonObject { ["namespace"] = "email", ["value"] = "dsmith@acme.com", ["type"] = "standard", ["namespaceId"] = 6 }),
                }),
                ["include"] = new JsonArray("Analytics"),
                ["regulation"] = "gdpr",
            };

            var created = await AdobeAsync(HttpMethod.Post, "jobs", token, body.ToJsonString());
            Assert.Equal(HttpStatusCode.Accepted, created.Status);
            Assert.Empty(AdobeOpenApiSchema.Validate("PrivacyJobCreateList", created.Body));
            var job = JsonNode.Parse(created.Body)!["jobDetails"]![0]!;
            var echoed = job["customer"]!["user"]!["userIDs"]![0]!;
            Assert.Equal("dsmith@acme.com", (string?)echoed["value"]);
            Assert.Equal(6, (int?)echoed["namespaceId"]);

            var single = await AdobeAsync(HttpMethod.Get, "jobs/" + (string)job["jobId"]!, token);
            Assert.Equal(HttpStatusCode.OK, single.Status);
            Assert.Empty(AdobeOpenApiSchema.Validate("PrivacyJobDetails", single.Body));
            var corrupted = JsonNode.Parse(single.Body)!;
            corrupted["action"] = "erase";
            Assert.NotEmpty(AdobeOpenApiSchema.Validate("PrivacyJobDetails", corrupted.ToJsonString())); // the check can fail

            var list = await AdobeAsync(HttpMethod.Get, "jobs?regulation=gdpr", token);
            Assert.Equal(HttpStatusCode.OK, list.Status);
            Assert.Empty(AdobeOpenApiSchema.Validate("PrivacyJobListResponse", list.Body));
            Assert.NotEmpty(JsonNode.Parse(list.Body)!["jobDetails"]!.AsArray());
        }
        finally
        {
            _emulator.Server.State.Adobe.SpecSpelling = false;
        }
    }

    [Theory]
    [InlineData("/telia/api/demo-project/configurations/projectInfo", "error", "temporarily_unavailable")]
    [InlineData("/telia/oauth/token", "error", "temporarily_unavailable")]
    [InlineData("/adobe/data/core/privacy/jobs", "error_code", "429050")]
    [InlineData("/dnb/api/consumerintelligence/person/v2/", "error", "temporarily_unavailable")]
    [InlineData("/liveramp/privacy/v2/consent-files", "errorCode", "TOO_MANY_REQUESTS")]
    [InlineData("/mx/api/v4/consent_management/cns-1001", "error.code", "too_many_requests")]
    [InlineData("/entra/api/me", "error.code", "TooManyRequests")]
    [InlineData("/generic/api/echo", "error", "temporarily_unavailable")]
    public async Task Injected_faults_answer_in_the_vendors_own_error_format(string path, string field, string expected)
    {
        var faults = _emulator.Server.State.Faults;
        faults.Add(new FaultRule(path, FaultKind.Status, 1, 429, retryAfter: TimeSpan.FromSeconds(1)));
        try
        {
            using var request = new HttpRequestMessage(path.EndsWith("token", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, _emulator.Server.Url(path));
            using var response = await _http.SendAsync(request);
            Assert.Equal((HttpStatusCode)429, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            JsonNode? node = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            foreach (var part in field.Split('.'))
            {
                node = node?[part];
            }

            Assert.Equal(expected, (string?)node);
        }
        finally
        {
            faults.Clear();
        }
    }

    [Fact]
    public async Task Injected_faults_on_the_file_host_answer_in_storage_XML()
    {
        var faults = _emulator.Server.State.Faults;
        faults.Add(new FaultRule("/files", FaultKind.Status, 1, 503));
        try
        {
            using var response = await _http.GetAsync(new Uri(_emulator.Server.FileHostUri, "files/any.csv"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<Code>ServerBusy</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            faults.Clear();
        }
    }

    private void AssertTokenResponse(string endpoint, TokenResponse response, string? expectedScope)
    {
        // RFC 6749 §5.1: the answer must not be cached by anyone on the way.
        Assert.Equal("no-store", response.HttpResponse!.Headers.CacheControl?.ToString());
        Assert.Contains("no-cache", response.HttpResponse.Headers.Pragma.Select(p => p.Name));

        var json = JsonNode.Parse(response.Raw!)!.AsObject();
        Assert.All(json, member => Assert.True(member.Value is not null, $"{endpoint}: member '{member.Key}' is null; omit optional members instead"));
        Assert.False(string.IsNullOrEmpty(response.AccessToken), endpoint + ": access_token");
        Assert.Equal("bearer", response.TokenType?.ToLowerInvariant());
        Assert.True(response.ExpiresIn > 0, endpoint + ": expires_in must be a positive number of seconds");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, json["expires_in"]!.GetValueKind());
        if (expectedScope is not null)
        {
            Assert.Equal(expectedScope, response.Scope);
        }
    }

    private async Task<TokenResponse> AdobeTokenAsync()
    {
        var response = await _http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = _emulator.Server.Url("/adobe/ims/token/v3").AbsoluteUri,
            ClientId = TestCredentials.AdobeClientId,
            ClientSecret = TestCredentials.AdobeClientSecret,
            Scope = "openid,AdobeID,read_organizations",
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
        });
        Assert.False(response.IsError, response.Error);
        return response;
    }

    private async Task<(HttpStatusCode Status, string Body)> AdobeAsync(HttpMethod method, string relative, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, _emulator.Server.Url(Emulator.Endpoints.AdobeEndpoints.ApiBase + "/" + relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("x-api-key", TestCredentials.AdobeClientId);
        request.Headers.Add("x-gw-ims-org-id", TestCredentials.AdobeOrgId);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static JsonObject Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(payload))!.AsObject();
    }
}
