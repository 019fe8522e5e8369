using System.Management.Automation;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// One cmdlet's progress bar: its id comes from <see cref="ProgressIds"/>, so two of the module's cmdlets in one
    /// pipeline (Get-ConsentFile | Save-ConsentFile) never overwrite each other's bar.
    /// </summary>
    internal sealed class ProgressActivity
    {
        private readonly int _id;
        private readonly string _activity;

        public ProgressActivity(int id, string activity)
        {
            _id = id;
            _activity = activity;
        }

        public ProgressRecord Status(string status, int percentComplete = -1) =>
            new ProgressRecord(_id, _activity, status) { PercentComplete = percentComplete };

        public ProgressRecord Completed() => new ProgressRecord(_id, _activity, "Done") { RecordType = ProgressRecordType.Completed };
    }

    /// <summary>The module's progress ids, one per activity.</summary>
    internal static class ProgressIds
    {
        public const int NewPrivacyJob = 0x5001;
        public const int ListPrivacyJobs = 0x5002;
        public const int WaitPrivacyJob = 0x5003;
        public const int SavePrivacyJobResults = 0x5004;
        public const int ListConsentFiles = 0x4C52;
        public const int SaveConsentFiles = 0x4C53;
    }
}
