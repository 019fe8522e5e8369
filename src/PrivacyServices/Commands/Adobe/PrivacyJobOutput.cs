using System.Management.Automation;
using PrivacyServices.Models;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>A PrivacyJob as the pipeline sees it: typed, with the API's extra fields and product results as PowerShell values.</summary>
    internal static class PrivacyJobOutput
    {
        public static PSObject ToPSObject(PrivacyJob job)
        {
            var output = job.MapProductResults(PlainObjects.ToPSValue);
            return PlainObjects.WithExtraProperties(output, output.AdditionalProperties);
        }
    }
}
