using System.Management.Automation;
using PrivacyServices.Emulator.Endpoints;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>LiveRamp as users meet it: service-account credentials, Get-ConsentFile paging and filters, Save-ConsentFile downloads.</summary>
public sealed class LiveRampTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Canary = "CANARY-lr-secret-7f3e9a1c";

    /// <summary>Connects with a credential file ($args[0]) to the emulator's API ($args[1]).</summary>
    private const string ConnectWithFile = "Connect-PrivacyService -Provider LiveRamp -CredentialFile $args[0] -ApiBaseUri $args[1]\n";

    private readonly EmulatorFixture _emulator;
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "ps-liveramp-" + Guid.NewGuid().ToString("N"));

    public LiveRampTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        Directory.CreateDirectory(_temp);
        State.Counters.Reset();
        State.LiveRamp.Reset();
        State.Files.ResetFaults();
        State.Clients.Register("liveramp", TestCredentials.LiveRampAccountId, TestCredentials.LiveRampSecretKey);
    }

    private EmulatorState State => _emulator.Server.State;

    private Uri TokenUri => _emulator.Server.Url(LiveRampEndpoints.TokenPath);

    private string ApiBase => _emulator.Root + LiveRampEndpoints.ApiPath;

    private const string ConsentFileType = "PrivacyServices.Models.ConsentFile";

    private long Count(string key) => State.Counters[key];

    private static object? Prop(PSObject obj, string name) => obj.Properties[name]?.Value;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_temp, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string CredentialFile(string secretKey = TestCredentials.LiveRampSecretKey) =>
        WriteFile("liveramp.json", TestCredentials.LiveRampCredentialFile(TokenUri, secretKey: secretKey));

    /// <summary>A hosted module connected with the test account's credential file.</summary>
    private HostedModule Connected()
    {
        var module = new HostedModule();
        module.Run(ConnectWithFile, CredentialFile(), ApiBase);
        return module;
    }

    // ---- Authentication -------------------------------------------------------------------------------------------

    [Fact]
    public void Credential_file_connects_then_tokens_come_from_cache_until_ForceRefresh()
    {
        using var module = new HostedModule();
        var tokens = module.Run(ConnectWithFile + "Get-PrivacyToken; Get-PrivacyToken", CredentialFile(), ApiBase);
        Assert.Equal(1, Count("liveramp.token"));
        Assert.All(tokens, t => Assert.Equal("Cache", t.Properties["Source"].Value.ToString()));

        var refreshed = module.Run("Get-PrivacyToken -ForceRefresh");
        Assert.Equal(2, Count("liveramp.token"));
        Assert.Equal("IdentityProvider", refreshed.Single().Properties["Source"].Value.ToString());
        Assert.Equal("LiveRamp", refreshed.Single().Properties["Provider"].Value.ToString());
        Assert.Equal(TestCredentials.LiveRampAccountId, module.Run("(Get-PrivacyServiceSession -Name LiveRamp).ClientId").Single().BaseObject);
    }

    [Fact]
    public void Credential_parameter_is_account_id_and_secret_key()
    {
        using var module = new HostedModule();
        var session = module.Run(@"
            $key = [securestring]::new(); foreach ($c in $args[2].ToCharArray()) { $key.AppendChar($c) }
            Connect-PrivacyService -Provider LiveRamp -Credential ([pscredential]::new($args[3], $key)) -TokenUri $args[0] -ApiBaseUri $args[1] -PassThru",
            TokenUri.AbsoluteUri, ApiBase, TestCredentials.LiveRampSecretKey, TestCredentials.LiveRampAccountId).Single();

        Assert.Equal(TestCredentials.LiveRampAccountId, session.Properties["ClientId"].Value);
        Assert.Equal(1, Count("liveramp.token"));
        Assert.Equal(0, Count("liveramp.token.rejected"));
    }

    [Fact]
    public void Credential_file_comes_from_PRIVACYSERVICES_CREDENTIAL_FILE_when_no_credential_is_given()
    {
        const string variable = "PRIVACYSERVICES_CREDENTIAL_FILE";
        var saved = Environment.GetEnvironmentVariable(variable);
        try
        {
            Environment.SetEnvironmentVariable(variable, CredentialFile());
            using var module = new HostedModule();
            var result = module.Invoke("Connect-PrivacyService -Provider LiveRamp -ApiBaseUri $args[0] -PassThru -Verbose", ApiBase);
            Assert.Empty(result.Errors);
            Assert.Equal(TestCredentials.LiveRampAccountId, result.Output.Single().Properties["ClientId"].Value);
            Assert.Contains(result.Verbose, v => v.Contains(variable));
            Assert.Equal(1, Count("liveramp.token"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, saved);
        }
    }

    public static TheoryData<string, string, string> MalformedCredentialFiles => new()
    {
        { "not JSON", "{\"type\":\"serviceAccount/v2\",\"secret_key\":\"" + Canary + "\",", "is not a JSON object" },
        { "secret_key missing", "{\"type\":\"serviceAccount/v2\",\"account_id\":\"a@serviceaccounts.liveramp.com\",\"client_id\":\"liveramp-api\",\"token_uri\":\"https://sso.liveramp.com/oauth2/default/v2/token\"}", "missing the required field \"secret_key\"" },
        { "wrong type", "{\"type\":\"serviceAccount/v1\",\"account_id\":\"a@serviceaccounts.liveramp.com\",\"secret_key\":\"" + Canary + "\",\"token_uri\":\"https://sso.liveramp.com/oauth2/default/v2/token\"}", "other than \"serviceAccount/v2\"" },
        { "secret_key not text", "{\"type\":\"serviceAccount/v2\",\"account_id\":\"a@serviceaccounts.liveramp.com\",\"secret_key\":[\"" + Canary + "\"],\"token_uri\":\"https://sso.liveramp.com/oauth2/default/v2/token\"}", "non-text \"secret_key\"" },
        { "token_uri not a URI", "{\"type\":\"serviceAccount/v2\",\"account_id\":\"a@serviceaccounts.liveramp.com\",\"secret_key\":\"" + Canary + "\",\"token_uri\":\"/oauth2/default/v2/token\"}", "\"token_uri\" that is not an absolute http(s) URI" },
    };

    /// <summary>
    /// The file exists and -CredentialFile is a valid path, but its content is wrong: InvalidData (not InvalidArgument, which
    /// would point at the parameter value itself, nor AuthenticationError, since no identity provider was asked).
    /// </summary>
    [Theory]
    [MemberData(nameof(MalformedCredentialFiles))]
    public void Malformed_credential_file_is_InvalidData_naming_the_problem_and_never_the_secret(string problem, string content, string expected)
    {
        using var module = new HostedModule();
        var path = WriteFile("bad.json", content);
        var result = module.Invoke(ConnectWithFile.TrimEnd() + " -Verbose", path, ApiBase);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.StartsWith("PrivacyServices.LiveRamp.InvalidCredentialFile", error.FullyQualifiedErrorId);
        Assert.Contains(expected, error.Exception.Message);
        Assert.Contains(path, error.Exception.Message);
        Assert.DoesNotContain(Canary, result.AllText());
        Assert.Equal(0, Count("liveramp.token"));
        Assert.Empty(module.Run("Get-PrivacyServiceSession"));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void Missing_credential_file_is_ObjectNotFound()
    {
        using var module = new HostedModule();
        var result = module.Invoke(ConnectWithFile, Path.Combine(_temp, "nowhere.json"), ApiBase);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("PrivacyServices.LiveRamp.CredentialFileNotFound", error.FullyQualifiedErrorId);
        Assert.Contains("nowhere.json", error.Exception.Message);
    }

    [Fact]
    public void Wrong_secret_key_is_AuthenticationError_and_never_echoed()
    {
        using var module = new HostedModule();
        var result = module.Invoke(ConnectWithFile.TrimEnd() + " -Verbose", CredentialFile(Canary), ApiBase);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("invalid_grant", error.Exception.Message);
        Assert.DoesNotContain(Canary, result.AllText());
        Assert.Equal(1, Count("liveramp.token.rejected"));
        Assert.Empty(module.Run("Get-PrivacyServiceSession"));
    }

    // ---- Get-ConsentFile ------------------------------------------------------------------------------------------

    [Fact]
    public void Lists_2500_consent_files_as_typed_objects_page_by_page()
    {
        State.LiveRamp.Count = 2500;
        State.LiveRamp.PageSize = 1000;
        using var module = Connected();

        var output = module.Run("Get-ConsentFile");

        Assert.Equal(2500, output.Count);
        Assert.Equal(3, Count("liveramp.consentFiles.page"));
        var expected = State.LiveRamp.All().ToList();
        for (var i = 0; i < output.Count; i++)
        {
            var file = output[i];
            Assert.Equal(ConsentFileType, file.BaseObject.GetType().FullName);
            var record = expected[i];
            Assert.Equal(record.Id, Prop(file, "Id"));
            Assert.Equal(record.IdentifierType, Prop(file, "IdentifierType"));
            Assert.Equal(record.MuidDeviceType, Prop(file, "MuidDeviceType"));
            Assert.Equal(record.MuidFormat, Prop(file, "MuidFormat"));
            Assert.Equal(record.RequestType, Prop(file, "RequestType"));
            var controller = PSObject.AsPSObject(Prop(file, "DataController"));
            Assert.Equal(record.ControllerId, Prop(controller, "ControllerId"));
            Assert.Equal(record.LiveRampControlled, Prop(controller, "LiveRampControlled"));
            var createdAt = Assert.IsType<DateTimeOffset>(Prop(file, "CreatedAt"));
            Assert.Equal(record.CreatedAt, createdAt);
            Assert.Equal(TimeSpan.Zero, createdAt.Offset);
            Assert.Equal(_emulator.Server.FileHostUri.Authority, Assert.IsType<Uri>(Prop(file, "FileUrl")).Authority);
        }

        // Types as PowerShell sees them, and MUID-only fields only on MUID files.
        var types = module.Run(@"
            $f = Get-ConsentFile -First 6
            $f[0].Id.GetType().FullName; $f[0].CreatedAt.GetType().FullName; $f[0].FileUrl.GetType().FullName
            ($f | Where-Object IdentifierType -eq 'MUID').MuidDeviceType
            @($f | Where-Object { $_.IdentifierType -ne 'MUID' -and $null -ne $_.MuidDeviceType }).Count").Select(o => o.BaseObject.ToString()).ToList();
        Assert.Equal(new[] { "System.Guid", "System.DateTimeOffset", "System.Uri", "AAID", "0" }, types);
    }

    [Fact]
    public void First_10_requests_only_the_first_page()
    {
        State.LiveRamp.Count = 2500;
        State.LiveRamp.PageSize = 1000;
        using var module = Connected();

        var output = module.Run("Get-ConsentFile -First 10");

        Assert.Equal(LiveRampCatalog.IdFor(0), Prop(output[0], "Id"));
        Assert.Equal(10, output.Count);
        Assert.Equal(1, Count("liveramp.consentFiles.page"));
    }

    [Fact]
    public void Skip_and_First_select_a_window_across_pages()
    {
        State.LiveRamp.Count = 2500;
        State.LiveRamp.PageSize = 1000;
        using var module = Connected();

        var ids = module.Run("(Get-ConsentFile -Skip 995 -First 10).Id").Select(o => (Guid)o.BaseObject).ToList();

        Assert.Equal(Enumerable.Range(995, 10).Select(LiveRampCatalog.IdFor), ids);
        Assert.Equal(2, Count("liveramp.consentFiles.page"));

        Assert.Equal(5, module.Run("Get-ConsentFile -Skip 2495").Count);
    }

    [Fact]
    public void IncludeTotalCount_reads_the_whole_listing_and_reports_the_matches_last()
    {
        State.LiveRamp.Count = 25;
        State.LiveRamp.PageSize = 10;
        using var module = Connected();

        var output = module.Run("Get-ConsentFile -First 2 -IncludeTotalCount -RequestType DELETE");

        Assert.Equal(3, output.Count);
        Assert.Equal((ulong)State.LiveRamp.All().Count(f => f.RequestType == "DELETE"), output[2].BaseObject);
        Assert.Equal(3, Count("liveramp.consentFiles.page"));
    }

    [Fact]
    public void Filters_are_applied_to_every_page()
    {
        State.LiveRamp.Count = 500;
        State.LiveRamp.PageSize = 100;
        var all = State.LiveRamp.All().ToList();
        using var module = Connected();

        var muidDeletes = module.Run("Get-ConsentFile -IdentifierType muid -RequestType DELETE");
        Assert.Equal(all.Count(f => f.IdentifierType == "MUID" && f.RequestType == "DELETE"), muidDeletes.Count);
        Assert.All(muidDeletes, o => Assert.Equal("MUID", o.Properties["IdentifierType"].Value));

        var after = all[100].CreatedAt;
        var before = all[150].CreatedAt;
        var window = module.Run("(Get-ConsentFile -CreatedAfter $args[0] -CreatedBefore $args[1]).Id", after, before);
        Assert.Equal(all.Skip(101).Take(49).Select(f => f.Id), window.Select(o => (Guid)o.BaseObject));

        // Ids: one listing for all of them, stopped as soon as each was seen; an unknown id is an ObjectNotFound error.
        State.Counters.Reset();
        var wanted = module.Run("(Get-ConsentFile -Id $args[0], $args[1]).Id", all[3].Id, all[150].Id);
        Assert.Equal(new[] { all[3].Id, all[150].Id }, wanted.Select(o => (Guid)o.BaseObject));
        Assert.Equal(2, Count("liveramp.consentFiles.page"));

        var unknown = Guid.NewGuid();
        var missing = module.Invoke("Get-ConsentFile -Id $args[0]", unknown);
        Assert.Empty(missing.Output);
        var error = Assert.Single(missing.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(unknown, error.TargetObject);

        var typo = module.Invoke("Get-ConsentFile -IdentifierType COOKEI");
        Assert.Empty(typo.Output);
        Assert.Contains(typo.Warning, w => w.Contains("COOKEI") && w.Contains("IDENTITYLINK"));
    }

    [Fact]
    public void First_object_reaches_the_pipeline_with_at_most_one_page_requested_ahead()
    {
        State.LiveRamp.Count = 30;
        State.LiveRamp.PageSize = 10;
        using var module = Connected();

        var output = module.Run(@"
            $state = $args[0]
            $pagesAtFirst = $null
            $n = 0
            Get-ConsentFile | ForEach-Object { if ($null -eq $pagesAtFirst) { $pagesAtFirst = $state.Counters['liveramp.consentFiles.page'] }; $n++ }
            $pagesAtFirst; $n", State);

        Assert.InRange((long)output[0].BaseObject, 1L, 2L); // page 1, and page 2 possibly on its way already (fetched ahead)
        Assert.Equal(30, output[1].BaseObject);
        Assert.Equal(3, Count("liveramp.consentFiles.page"));
    }

    [Fact]
    public void A_token_revoked_mid_listing_is_renewed_once_and_the_listing_completes()
    {
        State.LiveRamp.Count = 30;
        State.LiveRamp.PageSize = 10;
        using var module = Connected();

        var output = module.Run(@"
            $state = $args[0]
            $revoked = $false
            Get-ConsentFile | ForEach-Object { if (-not $revoked) { $state.Tokens.Revoke((Get-PrivacyToken -AsPlainText)); $revoked = $true }; $_ }", State);

        Assert.Equal(30, output.Count);
        Assert.Equal(1, Count("liveramp.api.unauthorized"));
        Assert.Equal(2, Count("liveramp.token"));
        Assert.Equal(3, Count("liveramp.consentFiles.page"));
    }

    [Fact]
    public void Piped_consent_files_are_listed_again_in_one_listing()
    {
        State.LiveRamp.Count = 30;
        State.LiveRamp.PageSize = 10;
        using var module = Connected();

        var refreshed = module.Run("Get-ConsentFile -Skip 12 -First 2 | Get-ConsentFile");

        Assert.Equal(new[] { LiveRampCatalog.IdFor(12), LiveRampCatalog.IdFor(13) }, refreshed.Select(o => (Guid)Prop(o, "Id")!));
        Assert.Equal(2 + 2, Count("liveramp.consentFiles.page"));
    }

    [Fact]
    public void Relative_next_links_are_followed_and_multi_page_listings_show_progress()
    {
        State.LiveRamp.Count = 25;
        State.LiveRamp.PageSize = 10;
        State.LiveRamp.RelativeNextLinks = true;
        using var module = Connected();

        var result = module.Invoke("Get-ConsentFile");

        Assert.Empty(result.Errors);
        Assert.Equal(25, result.Output.Count);
        Assert.Equal(3, Count("liveramp.consentFiles.page"));
        var listing = result.Progress.Where(p => p.Activity == "Listing LiveRamp consent files").ToList();
        Assert.Contains(listing, p => p.RecordType == ProgressRecordType.Processing && p.StatusDescription.StartsWith("Page 2"));
        Assert.Equal(ProgressRecordType.Completed, listing.Last().RecordType);

        // One page: a bare array and no Link header, so no progress at all.
        State.LiveRamp.PageSize = 100;
        var single = module.Invoke("Get-ConsentFile");
        Assert.Equal(25, single.Output.Count);
        Assert.Empty(single.Progress);
    }

    [Fact]
    public void Get_ConsentFile_needs_a_LiveRamp_session()
    {
        using var module = new HostedModule();
        var none = module.Invoke("Get-ConsentFile");
        Assert.Equal("PrivacyServices.Session.NotConnected,PrivacyServices.PowerShell.Commands.GetConsentFileCommand", Assert.Single(none.Errors).FullyQualifiedErrorId);

        var wrong = module.Invoke(@"
            $secret = [securestring]::new(); foreach ($c in 'telia-secret'.ToCharArray()) { $secret.AppendChar($c) }
            Connect-PrivacyService -Provider Telia -ClientCredential ([pscredential]::new('telia-client', $secret)) -TokenUri ($args[0] + '/telia/oauth/token') -ApiBaseUri ($args[0] + '/telia/api')
            Get-ConsentFile", _emulator.Root);
        var error = Assert.Single(wrong.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-Provider LiveRamp", error.Exception.Message);
        Assert.Equal(0, Count("liveramp.api"));
    }

    /// <summary>The hosted engine has no Out-String, so the view is checked in the built format file (tests/Pester renders it).</summary>
    [Fact]
    public void ConsentFile_has_a_table_view_with_date_types_and_id()
    {
        var format = System.Xml.Linq.XDocument.Load(Path.Combine(Path.GetDirectoryName(RepoPaths.ModuleManifest)!, "PrivacyServices.format.ps1xml"));
        var view = Assert.Single(format.Descendants("View"), v => (string?)v.Element("ViewSelectedBy")?.Element("TypeName") == ConsentFileType);
        Assert.Equal(new[] { "CreatedAt", "RequestType", "IdentifierType", "Id" }, view.Descendants("TableColumnHeader").Select(h => (string?)h.Element("Label")));
        Assert.Contains("UtcDateTime", view.Descendants("ScriptBlock").Single().Value);
    }

    // ---- Save-ConsentFile -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Two_runs_saving_into_one_folder_at_once_both_succeed_and_leave_whole_files()
    {
        State.LiveRamp.Count = 6;
        State.Field.Set(new FieldSettings(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(150), null)); // so the runs overlap
        try
        {
            var folder = Path.Combine(_temp, "shared");
            using var first = Connected();
            using var second = Connected();

            var runs = await Task.WhenAll(
                Task.Run(() => first.Invoke("Get-ConsentFile | Save-ConsentFile -Path $args[0] -Force", folder)),
                Task.Run(() => second.Invoke("Get-ConsentFile | Save-ConsentFile -Path $args[0] -Force", folder)));

            Assert.All(runs, run => Assert.Empty(run.Errors));
            Assert.All(runs, run => Assert.Equal(6, run.Output.Count));
            Assert.True(State.Field.PeakInFlight >= 2, "the runs did not overlap: the test proves nothing");
            for (var index = 0; index < 6; index++)
            {
                var id = LiveRampCatalog.IdFor(index);
                Assert.Equal(LiveRampCatalog.ContentFor(id), File.ReadAllBytes(Path.Combine(folder, id + ".csv")));
            }

            Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        }
        finally
        {
            State.Field.Set(FieldSettings.None);
        }
    }

    [Fact]
    public void Saves_three_files_without_the_bearer_token_skips_them_next_time_and_Force_downloads_again()
    {
        State.LiveRamp.Count = 3;
        var folder = Path.Combine(_temp, "out");
        using var module = Connected();

        var first = module.Invoke("Get-ConsentFile | Save-ConsentFile -Path $args[0]", folder);

        Assert.Empty(first.Errors);
        Assert.Equal(3, first.Output.Count);
        Assert.Equal(3, Count("files.download"));
        Assert.Equal(0, Count("files.withAuthorization"));
        // Files are written out as their downloads complete (up to -ThrottleLimit at once), not in input order.
        var written = first.Output.Select(o => Assert.IsType<FileInfo>(o.BaseObject)).OrderBy(f => f.FullName, StringComparer.Ordinal).ToList();
        var expected = Enumerable.Range(0, 3).Select(LiveRampCatalog.IdFor).Select(id => Path.Combine(folder, id + ".csv")).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, written.Select(f => f.FullName));
        foreach (var info in written)
        {
            Assert.Equal(LiveRampCatalog.ContentFor(Guid.Parse(Path.GetFileNameWithoutExtension(info.Name))), File.ReadAllBytes(info.FullName));
        }

        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        Assert.Contains(first.Progress, p => p.Activity == "Saving LiveRamp consent files" && p.StatusDescription.EndsWith(" bytes") && p.PercentComplete == 100);
        Assert.Equal(ProgressRecordType.Completed, first.Progress.Last().RecordType);

        var second = module.Invoke("Get-ConsentFile | Save-ConsentFile -Path $args[0] -Verbose", folder);
        Assert.Empty(second.Output);
        Assert.Equal(3, Count("files.download"));
        Assert.Equal(3, second.Verbose.Count(v => v.Contains("is already in")));

        var forced = module.Run("Get-ConsentFile | Save-ConsentFile -Path $args[0] -Force", folder);
        Assert.Equal(3, forced.Count);
        Assert.Equal(6, Count("files.download"));
        Assert.Equal(0, Count("files.withAuthorization"));
        Assert.Equal(3, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public void A_broken_download_leaves_no_file_and_its_error_targets_the_consent_file()
    {
        State.LiveRamp.Count = 3;
        var broken = LiveRampCatalog.Get(1);
        State.Files.BreakDownloads(broken.FilePath);
        var folder = Path.Combine(_temp, "out");
        using var module = Connected();

        var result = module.Invoke("Get-ConsentFile | Save-ConsentFile -Path $args[0] -MaxRetry 1", folder);

        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ConsentFileType, error.TargetObject.GetType().FullName);
        var target = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal(broken.Id, Prop(target, "Id"));
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.StartsWith("PrivacyServices.Download.Failed", error.FullyQualifiedErrorId);
        Assert.True(error.Exception.Message.Contains("broke off"), error.Exception.Message);
        Assert.StartsWith($"Consent file {broken.Id} was not saved: GET http://", error.ErrorDetails.Message);
        Assert.Equal(2, Count("files.broken"));
        Assert.False(File.Exists(Path.Combine(folder, broken.FilePath)));
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        Assert.Equal(2, Directory.GetFiles(folder).Length);
        Assert.DoesNotContain("sig=" + System.Web.HttpUtility.ParseQueryString(((Uri)Prop(target, "FileUrl")!).Query)["sig"], result.AllText());
    }

    [Fact]
    public void Objects_with_Id_and_FileUrl_bind_by_property_name_and_WhatIf_downloads_nothing()
    {
        State.LiveRamp.Count = 2;
        var folder = Path.Combine(_temp, "out");
        using var module = Connected();

        var whatIf = module.Invoke("Get-ConsentFile | Save-ConsentFile -Path $args[0] -WhatIf", folder);
        Assert.Empty(whatIf.Output);
        Assert.Equal(0, Count("files.download"));
        Assert.False(Directory.Exists(folder));

        var saved = module.Run(@"
            Get-ConsentFile | ForEach-Object { [pscustomobject]@{ Id = $_.Id.ToString(); FileUrl = $_.FileUrl.AbsoluteUri } } |
                Save-ConsentFile -Path $args[0]", folder);
        Assert.Equal(2, saved.Count);
        var second = saved.Select(o => (FileInfo)o.BaseObject).Single(f => f.Name.StartsWith(LiveRampCatalog.IdFor(1).ToString(), StringComparison.Ordinal));
        Assert.Equal(LiveRampCatalog.ContentFor(LiveRampCatalog.IdFor(1)), File.ReadAllBytes(second.FullName));

        // A signature that does not verify: 403 from the storage host, not retried, the target is the id.
        var forged = module.Invoke(
            "[pscustomobject]@{ Id = $args[1]; FileUrl = $args[2] } | Save-ConsentFile -Path $args[0]",
            folder, Guid.Empty.ToString(), _emulator.Server.FileHostUri + "files/" + Guid.Empty + ".csv?exp=9999999999&sig=forged");
        var error = Assert.Single(forged.Errors);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Equal(Guid.Empty, error.TargetObject);
        Assert.Equal(1, Count("files.signatureRejected"));
    }

    [Fact]
    public void Verbose_output_shows_neither_the_token_nor_a_signature()
    {
        State.LiveRamp.Count = 12;
        State.LiveRamp.PageSize = 5;
        var folder = Path.Combine(_temp, "out");
        using var module = new HostedModule();

        var result = module.Invoke(
            ConnectWithFile.TrimEnd() + " -Verbose\n" +
            "$files = Get-ConsentFile -Verbose -Debug\n" +
            "$files | Save-ConsentFile -Path $args[2] -Verbose -Debug | Out-Null\n" +
            "Get-PrivacyToken -Verbose | Out-Null\n" +
            "$files.FileUrl.Query",
            CredentialFile(), ApiBase, folder);
        var token = module.Run("Get-PrivacyToken -AsPlainText").Single().BaseObject.ToString()!;
        var signatures = result.Output.Select(q => System.Web.HttpUtility.ParseQueryString(q.ToString())["sig"]!).ToList();
        Assert.Equal(12, signatures.Count);

        Assert.Empty(result.Errors);
        var streams = string.Join("\n", result.Verbose.Concat(result.Debug).Concat(result.Warning).Concat(result.Progress.Select(p => p.ToString())));
        Assert.Contains("sig=***", streams);
        Assert.Contains("consent-files", streams);
        Assert.DoesNotContain(token, streams);
        Assert.DoesNotContain(TestCredentials.LiveRampSecretKey, streams);
        Assert.All(signatures, sig => Assert.DoesNotContain(sig, streams));
        Assert.Equal(12, Directory.GetFiles(folder).Length);
    }
}
