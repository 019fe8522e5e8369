using Xunit;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using PrivacyServices.Apis;
using PrivacyServices.Emulator.Adobe;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Core.Tests;

public sealed class AdobeJobReaderTests
{
    private static readonly PrivacyJobOptions Options = new("ccpa", new[] { "access", "delete" }, new[] { "Analytics" });

    private static readonly PrivacyUser[] Users =
    {
        new("DavidSmith", new[] { new PrivacyUserId("email", "dsmith@acme.com", "standard") }),
        new("user12345", new[] { new PrivacyUserId("email", "ajones@acme.com", "standard"), new PrivacyUserId("loyaltyAccount", "12AD45FE30R29", "integrationCode") }),
    };

    [Theory]
    [InlineData("jobs")]
    [InlineData("jobDetails")]
    public void The_create_answer_is_read_under_either_array_name(string arrayName)
    {
        var json = JObject.Parse($@"{{
            ""{arrayName}"": [
                {{ ""jobId"": ""j1"", ""customer"": {{ ""user"": {{ ""key"": ""DavidSmith"", ""action"": [""access""] }} }} }},
                {{ ""jobId"": ""j2"", ""customer"": {{ ""user"": {{ ""key"": ""user12345"", ""action"": [""access""],
                    ""userIDs"": [{{ ""namespace"": ""email"", ""value"": ""ajones@acme.com"", ""type"": ""standard"", ""namespaceId"": 6, ""isDeletedClientSide"": false }}] }} }} }},
                {{ ""jobId"": ""j3"", ""customer"": {{ ""user"": {{ ""key"": ""user12345"", ""action"": [""delete""] }} }} }}
            ],
            ""requestStatus"": 1, ""totalRecords"": 3, ""requestId"": ""15700479082313109RX-899"" }}");

        var result = AdobeJobReader.ReadCreated(json, Options, Users);
        Assert.Equal("15700479082313109RX-899", result.RequestId);
        Assert.Equal(new[] { "j1", "j2", "j3" }, result.Jobs.Select(j => j.JobId));
        Assert.Equal(new[] { "DavidSmith", "user12345", "user12345" }, result.Jobs.Select(j => j.UserKey));
        Assert.Equal(new[] { "access", "access", "delete" }, result.Jobs.Select(j => j.Action));
        Assert.All(result.Jobs, j => Assert.Equal("ccpa", j.Regulation));
        Assert.All(result.Jobs, j => Assert.Equal("submitted", j.Status));
        Assert.All(result.Jobs, j => Assert.Equal("15700479082313109RX-899", j.RequestId));
        Assert.False(result.Jobs[1].UserIds[0].IsDeletedClientSide);
        Assert.Equal(2, result.Jobs[2].UserIds.Count); // not in the answer: taken from the request
        Assert.DoesNotContain("customer", result.Jobs[0].AdditionalProperties.Keys);
        Assert.Equal(new[] { "DavidSmith/delete" }, result.Missing);
    }

    [Fact]
    public void A_create_answer_without_a_job_array_is_an_invalid_response()
    {
        var error = Assert.Throws<PrivacyServiceException>(() => AdobeJobReader.ReadCreated(JObject.Parse(@"{""requestId"":""r""}"), Options, Users));
        Assert.Equal(PrivacyErrorKind.InvalidResponse, error.Kind);
    }

    [Theory]
    [InlineData("downloadURL")]
    [InlineData("downloadUrl")]
    public void A_job_document_is_read_with_either_download_spelling(string downloadField)
    {
        var json = JObject.Parse($@"{{
            ""jobId"": ""527ee38c"", ""requestId"": ""15700479082313109RX-899"", ""userKey"": ""David Smith"", ""action"": ""access"",
            ""status"": ""complete"", ""submittedBy"": ""tech@techacct.adobe.com"",
            ""createdDate"": ""10/02/2019 08:25 PM GMT"", ""lastModifiedDate"": ""2019-10-02T21:30:00Z"", ""qualifiedCount"": 2,
            ""userIds"": [{{ ""namespace"": ""email"", ""value"": ""dsmith@acme.com"", ""type"": ""standard"" }}],
            ""productResponses"": [{{ ""product"": ""Analytics"", ""retryCount"": 0, ""processedDate"": ""10/02/2019 08:25 PM GMT"",
                ""productStatusResponse"": {{ ""status"": ""complete"", ""message"": ""Success"", ""responseMsgCode"": ""PRVCY-6000-200"",
                    ""responseMsgDetail"": ""Finished successfully."", ""results"": {{ ""records"": [1, 2] }} }} }}],
            ""{downloadField}"": ""https://platform.adobe.io/data/core/privacy/jobs/527ee38c/content"", ""regulation"": ""ccpa"" }}");

        var job = AdobeJobReader.ReadJob(json);
        Assert.Equal("527ee38c", job.JobId);
        Assert.Equal("David Smith", job.UserKey);
        Assert.Equal("complete", job.Status);
        Assert.Equal(new DateTimeOffset(2019, 10, 2, 20, 25, 0, TimeSpan.Zero), job.CreatedDate);
        Assert.Equal(new DateTimeOffset(2019, 10, 2, 21, 30, 0, TimeSpan.Zero), job.LastModifiedDate);
        Assert.Equal("https://platform.adobe.io/data/core/privacy/jobs/527ee38c/content", job.DownloadUrl);
        var product = Assert.Single(job.ProductResponses);
        Assert.Equal("PRVCY-6000-200", product.ResponseMsgCode);
        Assert.Equal(0, product.RetryCount);
        Assert.Equal(new DateTimeOffset(2019, 10, 2, 20, 25, 0, TimeSpan.Zero), product.ProcessedDate);
        Assert.Equal(new object?[] { 1L, 2L }, ((IDictionary<string, object?>)product.Results!)["records"]);
        Assert.Equal(2L, job.AdditionalProperties["qualifiedCount"]);
        Assert.DoesNotContain(downloadField, job.AdditionalProperties.Keys);
        Assert.True(PrivacyJob.IsFinished(job.Status));
    }

    [Theory]
    [InlineData("3000000000", "100000000000000000000")]
    [InlineData("3e9", "1e20")]
    [InlineData("-1.5", "\"many\"")]
    public void Out_of_range_numbers_never_cost_the_job_or_the_page(string retryCount, string totalRecords)
    {
        var json = JObject.Parse($@"{{ ""totalRecords"": {totalRecords}, ""jobDetails"": [
            {{ ""jobId"": ""a"", ""action"": ""access"", ""status"": ""complete"",
               ""productResponses"": [ {{ ""product"": ""Analytics"", ""retryCount"": {retryCount}, ""productStatusResponse"": {{ ""status"": ""complete"" }} }} ] }} ] }}");

        var (jobs, total) = AdobeJobReader.ReadList(json, "gdpr");

        Assert.Null(total);
        var job = Assert.Single(jobs);
        Assert.Equal("a", job.JobId);
        Assert.Null(job.ProductResponses[0].RetryCount);
        Assert.Equal("complete", job.ProductResponses[0].Status);
    }

    [Fact]
    public void An_unreadable_date_is_kept_as_text_and_a_list_page_reports_its_total()
    {
        var json = JObject.Parse(@"{ ""totalRecords"": 4, ""jobDetails"": [
            { ""jobId"": ""a"", ""action"": [""access""], ""status"": ""processing"", ""createdDate"": ""sometime"" },
            { ""jobId"": ""b"", ""action"": ""delete"", ""status"": ""error"", ""regulation"": ""gdpr"" } ] }");
        var (jobs, total) = AdobeJobReader.ReadList(json, "lgpd_bra");
        Assert.Equal(4, total);
        Assert.Null(jobs[0].CreatedDate);
        Assert.Equal("sometime", jobs[0].AdditionalProperties["createdDate"]);
        Assert.Equal("access", jobs[0].Action);
        Assert.Equal("lgpd_bra", jobs[0].Regulation);
        Assert.Equal("gdpr", jobs[1].Regulation);
        Assert.False(PrivacyJob.IsFinished(jobs[0].Status));
        Assert.True(PrivacyJob.IsFinished(jobs[1].Status));
        Assert.Throws<PrivacyServiceException>(() => AdobeJobReader.ReadJob(JObject.Parse(@"{ ""status"": ""complete"" }")));
    }

    [Fact]
    public void The_request_body_passes_the_emulators_checks_and_a_tenth_id_does_not()
    {
        var body = AdobeJobRequestBody.Build("TESTORG@AdobeOrg", Options, Users).ToString();
        var (request, error) = AdobeJobRequestValidator.Validate(JsonNode.Parse(body), "TESTORG@AdobeOrg");
        Assert.Null(error);
        Assert.Equal(new[] { "DavidSmith", "user12345" }, request!.Users.Select(u => u.Key));
        Assert.Equal(new[] { "access", "delete" }, request.Users[1].Actions);
        Assert.DoesNotContain("expandIds", body, StringComparison.Ordinal);

        var (_, otherOrg) = AdobeJobRequestValidator.Validate(JsonNode.Parse(body), "OTHER@AdobeOrg");
        Assert.Contains("imsOrgID", otherOrg, StringComparison.Ordinal);

        var tenIds = new PrivacyUser("ten", Enumerable.Range(0, 10).Select(i => new PrivacyUserId("email", $"t{i}@example.com", "standard")).ToArray());
        var (_, tooMany) = AdobeJobRequestValidator.Validate(JsonNode.Parse(AdobeJobRequestBody.Build("TESTORG@AdobeOrg", Options, new[] { tenIds }).ToString()), "TESTORG@AdobeOrg");
        Assert.Contains("at most 9", tooMany, StringComparison.Ordinal);
    }
}
