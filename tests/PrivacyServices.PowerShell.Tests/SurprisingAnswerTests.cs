using Microsoft.AspNetCore.Http;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>An answer with values out of any sane range keeps the job: what parses is written out, the rest is warned about.</summary>
public sealed class SurprisingAnswerTests
{
    [Fact]
    public async Task A_job_with_an_out_of_range_retry_count_is_written_with_a_warning()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path.StartsWithSegments("/token"))
            {
                await context.Response.WriteAsync("{\"access_token\":\"opaque-token-value\",\"token_type\":\"bearer\",\"expires_in\":86399}");
                return;
            }

            await context.Response.WriteAsync(@"{""jobId"":""job-1"",""userKey"":""u1"",""action"":""access"",""status"":""complete"",""regulation"":""gdpr"",
                ""productResponses"":[{""product"":""Analytics"",""retryCount"":3000000000,""productStatusResponse"":{""status"":""complete""}}]}");
        });

        using var module = new HostedModule();
        var result = module.Invoke(Scripts.CredentialHelper + @"
            Connect-PrivacyService -Provider Adobe -ClientCredential (New-TestCredential adobe-client adobe-secret) -OrgId 'ORG@AdobeOrg' -TokenUri ($args[0] + '/token') -ApiBaseUri ($args[0] + '/api')
            Get-PrivacyJob -JobId job-1", server.Root.AbsoluteUri.TrimEnd('/'));

        Assert.Empty(result.Errors);
        var job = Assert.Single(result.Output);
        Assert.Equal("job-1", job.Properties["JobId"].Value);
        Assert.Equal("complete", job.Properties["Status"].Value);
        var warning = Assert.Single(result.Warning);
        Assert.Contains("retryCount", warning, StringComparison.Ordinal);
        Assert.Contains("3000000000", warning, StringComparison.Ordinal);
    }
}
