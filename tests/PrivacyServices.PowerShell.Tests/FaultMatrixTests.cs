using System.Management.Automation;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// Every fault the emulator can inject, against every API cmdlet family: either the cmdlet recovers transparently (and the
/// server saw the work exactly once), or it fails with a clear error of the right category (and nothing was done twice).
/// </summary>
public sealed class FaultMatrixTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;
    private readonly ITestOutputHelper _output;

    public FaultMatrixTests(EmulatorFixture emulator, ITestOutputHelper output)
    {
        _emulator = emulator;
        _output = output;
    }

    /// <summary>A cmdlet family: how to connect, what to run, where its API calls go, and the server counter of the work it does.</summary>
    public sealed record Family(string Name, string Connect, string Act, string ApiPath, string? Method, int ExpectedOutput, string WorkCounter)
    {
        public bool Idempotent => Method is null or "GET" or "PUT" or "DELETE";

        public override string ToString() => Name;
    }

    public enum Fault
    {
        Unauthorized401,
        Throttled429,
        Unavailable503,
        DroppedConnection,
        SlowPastTimeout,
        MalformedJson,
        TokenEndpointDown,
    }

    private const string Connection = " -RequestTimeout 00:00:02 -MaxRetry 3";

    private const string ConnectAdobe = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'TESTORG@AdobeOrg' `
            -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')" + Connection;

    public static readonly Family[] Families =
    {
        new("Get-ProjectInfo (Telia)", Scripts.ConnectTelia.Replace("-PassThru", Connection), "Get-ProjectInfo", "/telia/api", "GET", 1, "telia.projectInfo"),
        new("Get-ConsentFile (LiveRamp)",
            Scripts.CredentialHelper + @"
                Connect-PrivacyService -Provider LiveRamp -Credential (New-TestCredential '" + TestCredentials.LiveRampAccountId + "' '" + TestCredentials.LiveRampSecretKey + @"') `
                    -TokenUri ($args[0] + '/liveramp/oauth2/default/v2/token') -ApiBaseUri ($args[0] + '/liveramp/privacy/v2')" + Connection,
            "Get-ConsentFile -First 5", "/liveramp/privacy/v2/consent-files", "GET", 5, "liveramp.consentFiles.page"),
        new("Invoke-PrivacyServiceRequest PUT (MX)",
            Scripts.CredentialHelper + @"
                Connect-PrivacyService -Provider MX -ClientCredential (New-TestCredential mx-client mx-secret) -ApiBaseUri ($args[0] + '/mx') -CustomerId cust-42" + Connection,
            "Invoke-PrivacyServiceRequest -Method PUT -Uri 'api/v4/consent_management/cns-1001/accounts' -Body @{ automatic_access = $true }",
            "/mx/api/v4/consent_management", "PUT", 1, "mx.consent.automaticAccess"),
        new("New-PrivacyJob (Adobe)", ConnectAdobe,
            "New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -Key u1 -Namespace email -Value u1@example.com -Type standard",
            "/adobe/data/core/privacy/jobs", "POST", 1, "adobe.jobs.post"),
        new("Get-PrivacyJob (Adobe)", ConnectAdobe + @"
                $global:job = New-PrivacyJob -Regulation gdpr -Action access -Product Analytics -Key u2 -Namespace email -Value u2@example.com -Type standard",
            "Get-PrivacyJob -JobId $global:job.JobId", "/adobe/data/core/privacy/jobs", "GET", 1, "adobe.jobs.get"),
        new("Invoke-PrivacyServiceRequest POST (Generic)", Scripts.ConnectGeneric.Replace("-PassThru", Connection),
            "Invoke-PrivacyServiceRequest -Method POST -Uri items -Body @{ name = 'subject-1' }", "/generic/api/items", "POST", 1, "generic.api.post"),
    };

    private static readonly Dictionary<string, string> TokenPaths = new()
    {
        ["Get-ProjectInfo (Telia)"] = "/telia/oauth/token",
        ["Get-ConsentFile (LiveRamp)"] = "/liveramp/oauth2",
        ["Invoke-PrivacyServiceRequest PUT (MX)"] = "/mx/api/v4/token",
        ["Invoke-PrivacyServiceRequest POST (Generic)"] = "/generic/token",
        ["New-PrivacyJob (Adobe)"] = "/adobe/ims",
        ["Get-PrivacyJob (Adobe)"] = "/adobe/ims",
    };

    public static TheoryData<Family, Fault> Matrix()
    {
        var data = new TheoryData<Family, Fault>();
        foreach (var family in Families)
        {
            foreach (var fault in Enum.GetValues<Fault>())
            {
                data.Add(family, fault);
            }
        }

        return data;
    }

    /// <summary>What the contract says must happen: null = transparent recovery, else the error category.</summary>
    public static ErrorCategory? Expected(Family family, Fault fault) => fault switch
    {
        Fault.Unauthorized401 or Fault.Throttled429 or Fault.Unavailable503 => null,
        Fault.DroppedConnection => family.Idempotent ? null : ErrorCategory.ConnectionError,
        Fault.SlowPastTimeout => family.Idempotent ? null : ErrorCategory.OperationTimeout,
        Fault.MalformedJson => ErrorCategory.InvalidResult,
        Fault.TokenEndpointDown => ErrorCategory.ConnectionError,
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_fault_is_recovered_or_reported_and_no_work_is_lost_or_duplicated(Family family, Fault fault)
    {
        var state = _emulator.Server.State;
        using var module = new HostedModule();
        module.Run(family.Connect, _emulator.Root);
        var workBefore = state.Counters[family.WorkCounter];
        Inject(family, fault);
        try
        {
            var result = module.Invoke(family.Act + " -Verbose");
            var work = state.Counters[family.WorkCounter] - workBefore;
            var expected = Expected(family, fault);
            _output.WriteLine($"{family.Name} × {fault}: {(result.Errors.Count == 0 ? "recovered" : result.Errors[0].CategoryInfo.Category.ToString())}; " +
                $"{result.Output.Count} objects; server did the work {work} time(s); {result.Verbose.Count(v => v.Contains("retry", StringComparison.OrdinalIgnoreCase))} retry decisions traced");

            if (expected is null)
            {
                Assert.Empty(result.Errors);
                Assert.Equal(family.ExpectedOutput, result.Output.Count);
                Assert.Equal(1, work);
            }
            else
            {
                var error = Assert.Single(result.Errors);
                Assert.Equal(expected, error.CategoryInfo.Category);
                Assert.Empty(result.Output);
                Assert.False(string.IsNullOrWhiteSpace(error.FullyQualifiedErrorId));
                Assert.InRange(work, 0, 1);
                if (!family.Idempotent)
                {
                    Assert.Equal(0, work); // a create the client gave up on was not resent
                }
            }
        }
        finally
        {
            state.Faults.Clear();
        }
    }

    private void Inject(Family family, Fault fault)
    {
        var faults = _emulator.Server.State.Faults;
        var zero = TimeSpan.Zero;
        switch (fault)
        {
            case Fault.Unauthorized401:
                faults.Add(new FaultRule(family.ApiPath, FaultKind.Status, 1, 401));
                break;
            case Fault.Throttled429:
                faults.Add(new FaultRule(family.ApiPath, FaultKind.Status, 2, 429, retryAfter: zero));
                break;
            case Fault.Unavailable503:
                faults.Add(new FaultRule(family.ApiPath, FaultKind.Status, 2, 503, retryAfter: zero));
                break;
            case Fault.DroppedConnection:
                faults.Add(new FaultRule(family.ApiPath, FaultKind.Drop, 1));
                break;
            case Fault.SlowPastTimeout:
                faults.Add(new FaultRule(family.ApiPath, FaultKind.Slow, 1, delay: TimeSpan.FromSeconds(4)));
                break;
            case Fault.MalformedJson:
                faults.Add(new FaultRule(family.ApiPath, FaultKind.MalformedJson, 1));
                break;
            case Fault.TokenEndpointDown:
                faults.Add(new FaultRule(family.ApiPath, FaultKind.Status, 1, 401));
                faults.Add(new FaultRule(TokenPaths[family.Name], FaultKind.Status, 10, 503));
                break;
        }
    }
}
