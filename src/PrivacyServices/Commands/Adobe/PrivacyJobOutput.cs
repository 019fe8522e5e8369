using System.Management.Automation;
using PrivacyServices.Models;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>A PrivacyJob as the pipeline sees it: typed, with the API's extra fields and product results as PowerShell values.</summary>
    internal static class PrivacyJobOutput
    {
        /// <summary>Warns about what the service's answer held that could not be read; the job itself is written all the same.</summary>
        public static void WarnAboutUnreadable(PrivacyJob job, System.Action<string> warn)
        {
            foreach (var note in job.Notes)
            {
                warn($"Job {job.JobId}: {note}.");
            }
        }

        public static PSObject ToPSObject(PrivacyJob job)
        {
            var output = job.MapProductResults(PlainObjects.ToPSValue);
            return PlainObjects.WithExtraProperties(output, output.AdditionalProperties);
        }
    }
}
