using Newtonsoft.Json.Linq;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>Submit-PrivacyOptOut: identities from the pipeline, batched, each body valid against Adobe's OpenAPI.</summary>
public sealed class OptOutTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Connect = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'ORG@AdobeOrg' `
            -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')";

    private readonly EmulatorFixture _emulator;

    public OptOutTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        State.Reset();
    }

    private EmulatorState State => _emulator.Server.State;

    public void Dispose() => State.Reset();

    [Fact]
    public void Piped_identities_are_sent_once_each_in_requests_of_at_most_1000_that_match_the_OpenAPI_schema()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);

        var result = module.Invoke(@"
            $rows = 1..2400 | ForEach-Object { [pscustomobject]@{ Namespace = 'email'; Value = ""u$_@example.com"" } }
            $rows += 1..100 | ForEach-Object { [pscustomobject]@{ Namespace = 'ECID'; Value = ""4436365767997586810210$_"" } }
            $rows += [pscustomobject]@{ Namespace = 'email'; Value = 'u1@example.com' }   # a repeat: sent once
            $rows | Submit-PrivacyOptOut -Verbose");

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Output.Count);
        Assert.All(result.Output, r => Assert.True((bool)r.Properties["Accepted"].Value));
        Assert.Equal(new[] { 1000, 1000, 500 }, result.Output.Select(r => (int)r.Properties["IdentityCount"].Value));
        var bodies = State.Adobe.AcceptedOptOuts;
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies, b => Assert.Empty(AdobeOpenApiSchema.Validate("PrivacySaleConsentResource", b)));
        var values = bodies.SelectMany(b => JObject.Parse(b)["entities"]!).SelectMany(e => e["values"]!).Select(v => (string)v!).ToList();
        Assert.Equal(2500, values.Count);
        Assert.Equal(2500, values.Distinct().Count());
        Assert.All(bodies, b => Assert.True((bool)JObject.Parse(b)["optOutOfSale"]!));
        Assert.Contains(result.Verbose, v => v.Contains("2500 of 2500 identities accepted", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatIf_sends_nothing()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);

        var result = module.Invoke("Submit-PrivacyOptOut -Namespace email -Value a@example.com -WhatIf");

        Assert.Empty(result.Output);
        Assert.Equal(0, State.Counters["adobe.consent.post"]);
    }
}
