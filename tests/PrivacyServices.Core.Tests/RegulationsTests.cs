using Newtonsoft.Json.Linq;
using PrivacyServices.Apis;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests;

/// <summary>Adobe's regulation codes checked before anything is sent, and the job fields Adobe sends kept whole.</summary>
public sealed class RegulationsTests
{
    [Theory]
    [InlineData("gpdr", "did you mean 'gdpr'")]
    [InlineData("ccap", "did you mean 'ccpa'")]
    [InlineData("lgpd_br", "did you mean 'lgpd_bra'")]
    public void A_typo_is_refused_with_the_closest_known_code(string typed, string suggestion)
    {
        var error = Assert.Throws<PrivacyServiceException>(() => Regulations.Check(typed, allowUnknown: false));

        Assert.Equal("PrivacyServices.Adobe.RegulationUnknown", error.ErrorId);
        Assert.Equal("Regulation", error.Parameter);
        Assert.Contains(suggestion, error.Message);
    }

    [Fact]
    public void A_code_retired_in_2025_is_refused_naming_its_successor()
    {
        var error = Assert.Throws<PrivacyServiceException>(() => Regulations.Check("ucpa_usa", allowUnknown: false));

        Assert.Equal("PrivacyServices.Adobe.RegulationRetired", error.ErrorId);
        Assert.Contains("'ucpa_ut_usa'", error.Message);
    }

    [Fact]
    public void Known_codes_come_back_in_Adobes_spelling_and_an_unknown_one_passes_only_when_allowed()
    {
        Assert.Equal("gdpr", Regulations.Check(" GDPR ", allowUnknown: false));
        Assert.Equal("cpra_ca_usa", Regulations.Check("CPRA_CA_USA", allowUnknown: false));
        Assert.Equal("brand_new_law", Regulations.Check("brand_new_law", allowUnknown: true));
        Assert.Throws<PrivacyServiceException>(() => Regulations.Check("brand_new_law", allowUnknown: false));
    }

    [Fact]
    public void A_relative_download_url_is_resolved_against_the_API_base_and_text_that_is_no_url_is_kept()
    {
        var apiBase = new Uri("https://platform.adobe.io/data/core/privacy");
        var relative = AdobeJobReader.ReadJob(JObject.Parse(@"{""jobId"":""j1"",""status"":""complete"",""downloadUrl"":""/jobs/j1/content""}"), null, apiBase);
        var text = AdobeJobReader.ReadJob(JObject.Parse(@"{""jobId"":""j2"",""status"":""complete"",""downloadUrl"":""available soon""}"), null, apiBase);

        Assert.Equal("https://platform.adobe.io/data/core/privacy/jobs/j1/content", relative.DownloadUrl);
        Assert.Null(text.DownloadUrl);
        Assert.Equal("available soon", text.AdditionalProperties["DownloadUrlText"]);
        Assert.Contains(text.Notes, n => n.Contains("available soon"));
    }

    [Fact]
    public void Every_field_of_a_user_ID_survives_namespaceId_included()
    {
        var job = AdobeJobReader.ReadJob(JObject.Parse(@"{""jobId"":""j1"",""userIds"":[
            {""namespace"":""411"",""value"":""x@example.com"",""type"":""namespaceId"",""namespaceId"":411,""isDeletedClientSide"":false,""label"":""crm""}]}"));

        var id = Assert.Single(job.UserIds);
        Assert.Equal(411, id.NamespaceId);
        Assert.Equal("crm", id.AdditionalProperties["label"]);
        Assert.False(id.IsDeletedClientSide);
    }
}
