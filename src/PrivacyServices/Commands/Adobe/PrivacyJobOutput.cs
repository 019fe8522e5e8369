using System.Management.Automation;
using PrivacyServices.Models;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>A PrivacyJob as the pipeline sees it: typed, with the API's extra fields and product results as PowerShell values.</summary>
    internal static class PrivacyJobOutput
    {
        public static PSObject ToPSObject(PrivacyJob job)
        {
            foreach (var response in job.ProductResponses)
            {
                response.Results = PlainObjects.ToPSValue(response.Results);
            }

            return PlainObjects.WithExtraProperties(job, job.AdditionalProperties);
        }
    }
}
