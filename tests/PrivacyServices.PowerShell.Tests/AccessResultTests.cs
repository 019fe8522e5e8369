using System.IO.Compression;
using System.Management.Automation;
using Microsoft.AspNetCore.Http;
using PrivacyServices.Emulator.Adobe;
using PrivacyServices.Emulator.Endpoints;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>Save-PrivacyJobResult: an access job's results saved whole, unpacked on request, and the token kept on the API host.</summary>
public sealed class AccessResultTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Connect = Scripts.CredentialHelper + @"
        Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'ORG@AdobeOrg' `
            -TokenUri ($args[0] + '/adobe/ims/token/v3') -ApiBaseUri ($args[0] + '/adobe/data/core/privacy')";

    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ps-results-" + Guid.NewGuid().ToString("N"));

    public AccessResultTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        State.Reset();
    }

    private EmulatorState State => _emulator.Server.State;

    public void Dispose()
    {
        State.Reset();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Creates an access and a delete job for one user and completes both at the emulator; returns their ids.</summary>
    private (string Access, string Delete) CompletedJobs(HostedModule module)
    {
        var jobs = module.Run("New-PrivacyJob -Key alice -Namespace email -Value alice@example.com -Regulation gdpr -Action access,delete -Product Analytics,AudienceManager");
        string Id(string action) => (string)jobs.Single(j => (string)j.Properties["Action"].Value == action).Properties["JobId"].Value;
        var now = State.Time.GetUtcNow();
        Assert.True(State.Adobe.SetStatus(Id("access"), "complete", now));
        Assert.True(State.Adobe.SetStatus(Id("delete"), "complete", now));
        return (Id("access"), Id("delete"));
    }

    [Fact]
    public void A_completed_access_jobs_results_are_saved_as_the_zip_the_service_served_and_skipped_next_time()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        var (access, _) = CompletedJobs(module);

        var saved = module.Invoke("Get-PrivacyJob -JobId $args[0] | Save-PrivacyJobResult -Path $args[1]", access, _folder);

        Assert.Empty(saved.Errors);
        var file = Assert.IsType<FileInfo>(Assert.Single(saved.Output).BaseObject);
        Assert.Equal(access, saved.Output[0].Properties["JobId"].Value);
        Assert.Equal(Path.Combine(_folder, access + ".zip"), file.FullName);
        Assert.Equal(AdobeEndpoints.AccessArchive(State.Adobe.Find(access)!), File.ReadAllBytes(file.FullName));
        Assert.Equal(1, State.Counters["adobe.jobs.content"]);
        Assert.Empty(Directory.GetFiles(_folder, "*.partial*"));

        var again = module.Invoke("Get-PrivacyJob -JobId $args[0] | Save-PrivacyJobResult -Path $args[1] -Verbose", access, _folder);
        Assert.Empty(again.Output);
        Assert.Contains(again.Verbose, v => v.Contains("skipped", StringComparison.Ordinal));
        Assert.Equal(1, State.Counters["adobe.jobs.content"]);

        module.Run("Save-PrivacyJobResult -JobId $args[0] -Path $args[1] -Force", access, _folder);
        Assert.Equal(2, State.Counters["adobe.jobs.content"]);
    }

    [Fact]
    public void Expand_unpacks_each_product_file_into_a_folder_named_after_the_job()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        var (access, _) = CompletedJobs(module);

        var saved = module.Invoke("Save-PrivacyJobResult -JobId $args[0] -Path $args[1] -Expand", access, _folder);

        Assert.Empty(saved.Errors);
        var folder = Assert.IsType<DirectoryInfo>(Assert.Single(saved.Output).BaseObject);
        Assert.Equal(Path.Combine(_folder, access), folder.FullName);
        Assert.Equal(new[] { "Analytics.json", "AudienceManager.json" }, folder.GetFiles().Select(f => f.Name).Order());
        Assert.Contains("alice", File.ReadAllText(Path.Combine(folder.FullName, "Analytics.json")));
        Assert.Single(Directory.GetFileSystemEntries(_folder)); // no archive, no staging folder left
    }

    [Fact]
    public void A_delete_job_or_an_unfinished_one_is_an_error_naming_the_job_and_the_rest_are_saved()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        var (access, delete) = CompletedJobs(module);
        var pending = (string)module.Run("New-PrivacyJob -Key bob -Namespace email -Value bob@example.com -Regulation gdpr -Action access -Product Analytics")[0].Properties["JobId"].Value;

        var result = module.Invoke("Save-PrivacyJobResult -JobId $args[0], $args[1], $args[2] -Path $args[3]", access, delete, pending, _folder);

        Assert.Single(result.Output);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("PrivacyServices.Adobe.ResultNotAccess", StringComparison.Ordinal) && e.ToString().Contains(delete));
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("PrivacyServices.Adobe.ResultNotReady", StringComparison.Ordinal) && e.ToString().Contains(pending));
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidOperation, e.CategoryInfo.Category));
    }

    [Fact]
    public async Task The_token_goes_to_the_API_host_and_never_to_a_download_URL_on_another_host()
    {
        var storageAuthorization = new List<string>();
        await using var storage = await HostileServer.StartAsync(async context =>
        {
            lock (storageAuthorization)
            {
                storageAuthorization.Add(context.Request.Headers.Authorization.ToString());
            }

            context.Response.ContentType = "application/zip";
            await context.Response.Body.WriteAsync(AdobeEndpoints.AccessArchive(new AdobeJob(1, "j1", "r1", "u1", "access", "gdpr", "test", new System.Text.Json.Nodes.JsonArray(), new[] { "Analytics" }, DateTimeOffset.UtcNow)));
        });
        var apiAuthorization = new List<string>();
        await using var api = await HostileServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path.StartsWithSegments("/token"))
            {
                await context.Response.WriteAsync("{\"access_token\":\"opaque-token-value\",\"token_type\":\"bearer\",\"expires_in\":86399}");
                return;
            }

            apiAuthorization.Add(context.Request.Headers.Authorization.ToString());
            await context.Response.WriteAsync($@"{{""jobId"":""j1"",""userKey"":""u1"",""action"":""access"",""status"":""complete"",""regulation"":""gdpr"",
                ""downloadUrl"":""{storage.Url("/bucket/j1.zip?sig=abc")}""}}");
        });
        using var module = new HostedModule();

        var result = module.Invoke(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'ORG@AdobeOrg' -TokenUri ($args[0] + '/token') -ApiBaseUri ($args[0] + '/api')
            Save-PrivacyJobResult -JobId j1 -Path $args[1]", api.Root.AbsoluteUri.TrimEnd('/'), _folder);

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        Assert.All(apiAuthorization, a => Assert.StartsWith("Bearer ", a));
        Assert.Equal(new[] { string.Empty }, storageAuthorization);
    }

    [Fact]
    public void Invoke_PrivacyServiceRequest_returns_a_binary_answer_as_bytes_or_saves_it_with_OutFile_and_sets_the_variables()
    {
        using var module = new HostedModule();
        module.Run(Connect, _emulator.Root);
        var (access, _) = CompletedJobs(module);
        var expected = AdobeEndpoints.AccessArchive(State.Adobe.Find(access)!);
        Directory.CreateDirectory(_folder);
        var outFile = Path.Combine(_folder, "content.zip");

        var bytes = module.Run("Invoke-PrivacyServiceRequest -Uri \"jobs/$($args[0])/content\"", access);
        var saved = module.Invoke(@"
            Invoke-PrivacyServiceRequest -Uri ""jobs/$($args[0])/content"" -OutFile $args[1] -StatusCodeVariable code -ResponseHeadersVariable headers
            $code; $headers['Content-Type']", access, outFile);

        Assert.Equal(expected, Assert.IsType<byte[]>(Assert.Single(bytes).BaseObject));
        Assert.Empty(saved.Errors);
        Assert.Equal(200, saved.Output[0].BaseObject);
        Assert.Equal("application/zip", saved.Output[1].BaseObject); // the header's one value, enumerated from its array
        Assert.Equal(expected, File.ReadAllBytes(outFile));
        Assert.Single(Directory.GetFiles(_folder));
    }
}
