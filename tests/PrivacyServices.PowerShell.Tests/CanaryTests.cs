using System.Text;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// Canary secrets: every cmdlet, under every fault, with -Verbose and -Debug; all streams, $Error (messages, exceptions with
/// inner exceptions and stack traces, details, targets) and the formatted output, collected as text, contain none of the
/// client secrets, secret keys, or the access, refresh and id tokens the emulator issued during the run.
/// </summary>
public sealed class CanaryTests : IClassFixture<EmulatorFixture>
{
    private const string GenericSecret = "CANARY-generic-3b8e61d0";
    private const string TeliaSecret = "CANARY-telia-92f0c7aa";
    private const string DnbSecret = "CANARY-dnb-51ad09e4";
    private const string MxSecret = "CANARY-mx-0c77e2b9";
    private const string LiveRampSecret = "CANARY-liveramp-e4d1a7c3";
    private const string AdobeSecret = "CANARY-adobe-8a2f4c19";
    private static readonly Dictionary<string, string> SecretOf = new()
    {
        ["Generic"] = GenericSecret, ["Telia"] = TeliaSecret, ["DnB"] = DnbSecret, ["MX"] = MxSecret, ["LiveRamp"] = LiveRampSecret, ["Adobe"] = AdobeSecret,
    };

    private static readonly string[] Secrets = SecretOf.Values.ToArray();

    private readonly EmulatorFixture _emulator;
    private readonly ITestOutputHelper _output;

    public CanaryTests(EmulatorFixture emulator, ITestOutputHelper output)
    {
        _emulator = emulator;
        _output = output;
        var clients = emulator.Server.State.Clients;
        clients.Register("generic", "canary-generic", GenericSecret);
        clients.Register("telia", "canary-telia", TeliaSecret);
        clients.Register("dnb", "canary-dnb", DnbSecret);
        clients.Register("mx", "canary-mx", MxSecret);
        clients.Register("liveramp", "canary@serviceaccounts.liveramp.com", LiveRampSecret);
        clients.Register("adobe", "canary-adobe", AdobeSecret);
    }

    /// <summary>Each provider's session and the cmdlets that use it; secrets reach the script only through $args.</summary>
    private static readonly (string Name, string Script, string ApiPath, string TokenPath)[] Workloads =
    {
        ("Telia", @"Connect-PrivacyService -Provider Telia -ClientCredential (New-TestCredential canary-telia $args[1]) -TokenUri ($args[0] + '/telia/oauth/token') -ApiBaseUri ($args[0] + '/telia/api') -ProjectId demo-project -RequestTimeout 00:00:02 -PassThru
                    Get-ProjectInfo; Get-ProjectInfo -ProjectId nope; Get-PrivacyToken; Get-PrivacyToken -ForceRefresh",
            "/telia/api", "/telia/oauth/token"),
        ("DnB", @"Connect-PrivacyService -Provider DnB -ClientCredential (New-TestCredential canary-dnb $args[1]) -TokenUri ($args[0] + '/dnb/as/token.oauth2') -ApiBaseUri ($args[0] + '/dnb/api') -RequestTimeout 00:00:02 -PassThru
                  Invoke-PrivacyServiceRequest -Uri 'consumerintelligence/person/v2/?firstName=Eva'; Get-PrivacyToken",
            "/dnb/api", "/dnb/as/token.oauth2"),
        ("Generic", @"Connect-PrivacyService -Provider Generic -ClientCredential (New-TestCredential canary-generic $args[1]) -TokenUri ($args[0] + '/generic/token') -ApiBaseUri ($args[0] + '/generic/api') -RequestTimeout 00:00:02 -PassThru
                      Invoke-PrivacyServiceRequest -Method POST -Uri items -Body @{ n = 1 }; Invoke-PrivacyServiceRequest -Uri echo; Invoke-PrivacyServiceRequest -Uri https://elsewhere.example/x",
            "/generic/api", "/generic/token"),
        ("MX", @"Connect-PrivacyService -Provider MX -ClientCredential (New-TestCredential canary-mx $args[1]) -ApiBaseUri ($args[0] + '/mx') -CustomerId cust-42 -RequestTimeout 00:00:02 -PassThru
                 Invoke-PrivacyServiceRequest -Method PUT -Uri 'api/v4/consent_management/cns-1001/accounts' -Body @{ automatic_access = $true }",
            "/mx/api/v4/consent_management", "/mx/api/v4/token"),
        ("LiveRamp", @"Connect-PrivacyService -Provider LiveRamp -Credential (New-TestCredential canary@serviceaccounts.liveramp.com $args[1]) -TokenUri ($args[0] + '/liveramp/oauth2/default/v2/token') -ApiBaseUri ($args[0] + '/liveramp/privacy/v2') -RequestTimeout 00:00:02 -PassThru
                       Get-ConsentFile -First 3 | Save-ConsentFile -Path $args[2] -Force; Get-ConsentFile -First 2",
            "/liveramp/privacy/v2", "/liveramp/oauth2"),
        ("Adobe", @"Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential canary-adobe $args[1]) -OrgId 'TESTORG@AdobeOrg' -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy') -RequestTimeout 00:00:02 -PassThru
                    New-PrivacyJob -Regulation gdpr -Action access,delete -Product Analytics -Key c1 -Namespace email -Value c1@example.com -Type standard | Wait-PrivacyJob -PollInterval 0.05 -Timeout 20
                    Get-PrivacyJob -Regulation gdpr -PageSize 5 | ForEach-Object { $_.ToString() }; Get-PrivacyJob -JobId no-such-job",
            "/adobe/data/core/privacy", "/adobe/ims"),
    };

    private static readonly string?[] Faults = { null, "401", "429", "503", "drop", "slow", "malformed", "token-down", "wrong-secret" };

    [Fact]
    public void No_secret_or_token_appears_in_any_stream_error_or_view_under_any_fault()
    {
        var state = _emulator.Server.State;
        var folder = Directory.CreateTempSubdirectory("canary").FullName;
        var scanned = new StringBuilder();
        var streams = 0;
        try
        {
            foreach (var (name, script, apiPath, tokenPath) in Workloads)
            {
                foreach (var fault in Faults)
                {
                    using var module = new HostedModule();
                    Inject(fault, apiPath, tokenPath);
                    var secret = fault == "wrong-secret" ? "CANARY-wrong-" + name : SecretOf[name];
                    var full = Scripts.CredentialHelper + "\n$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $WarningPreference = 'Continue'\n" + script;
                    var result = module.Invoke(full, _emulator.Root, secret, folder);
                    state.Faults.Clear();

                    var errors = module.Run(@"@($Error) | ForEach-Object {
                        $_.ToString(); $_.Exception.ToString(); $_.FullyQualifiedErrorId; $_.CategoryInfo.ToString()
                        if ($_.ErrorDetails) { $_.ErrorDetails.Message; $_.ErrorDetails.RecommendedAction }
                        if ($_.TargetObject) { $_.TargetObject.ToString() } }");
                    Assert.True(fault == "wrong-secret" || result.Output.Count > 0, $"{name} × {fault}: " + string.Join("; ", result.Errors));
                    var views = module.Format("Get-PrivacyServiceSession") + module.Format("Get-PrivacyServiceSession | ForEach-Object { $_.PSObject.Properties | ForEach-Object { '{0}={1}' -f $_.Name, $_.Value } }");
                    if (fault != "wrong-secret")
                    {
                        views += module.Format("Get-PrivacyToken") + module.Format("(Get-PrivacyToken).ToString(); (Get-PrivacyServiceSession).ToString()");
                    }

                    scanned.AppendLine(result.AllText()).AppendLine(string.Join("\n", errors)).AppendLine(views);
                    streams += 7 + 2;
                }
            }

            var text = scanned.ToString();
            var canaries = Secrets.Concat(Workloads.Select(w => "CANARY-wrong-" + w.Name)).Concat(state.Tokens.Issued).Distinct().ToList();
            var leaks = canaries.Where(c => text.Contains(c, StringComparison.Ordinal)).ToList();
            _output.WriteLine($"Canary scan: {Workloads.Length} providers x {Faults.Length} fault cases, {streams} streams/views, {Encoding.UTF8.GetByteCount(text):N0} bytes, {canaries.Count} canaries (secrets and issued tokens), leaks found: {leaks.Count}");

            Assert.True(state.Tokens.Issued.Count > 20, "the run should have issued many tokens to look for");
            Assert.Contains("HTTP 401", text); // faults really happened and were reported
            Assert.Contains("retry", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("canary-telia", text); // the views and traces were really scanned
            Assert.Empty(leaks);
            Assert.DoesNotMatch(@"sig=[A-Za-z0-9_\-%]{8,}", text); // signed download URLs are masked in traces
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Inject(string? fault, string apiPath, string tokenPath)
    {
        var faults = _emulator.Server.State.Faults;
        switch (fault)
        {
            case "401": faults.Add(new FaultRule(apiPath, FaultKind.Status, 2, 401)); break;
            case "429": faults.Add(new FaultRule(apiPath, FaultKind.Status, 2, 429, retryAfter: TimeSpan.Zero)); break;
            case "503": faults.Add(new FaultRule(apiPath, FaultKind.Status, 5, 503, retryAfter: TimeSpan.Zero)); break;
            case "drop": faults.Add(new FaultRule(apiPath, FaultKind.Drop, 2)); break;
            case "slow": faults.Add(new FaultRule(apiPath, FaultKind.Slow, 1, delay: TimeSpan.FromSeconds(3))); break;
            case "malformed": faults.Add(new FaultRule(apiPath, FaultKind.MalformedJson, 1)); break;
            case "token-down":
                faults.Add(new FaultRule(apiPath, FaultKind.Status, 1, 401));
                faults.Add(new FaultRule(tokenPath, FaultKind.Status, 3, 503, skip: 1));
                break;
        }
    }
}
