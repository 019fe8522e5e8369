using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Apis;
using PrivacyServices.Downloads;
using PrivacyServices.Http;
using PrivacyServices.Models;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// Saves the access results of completed Adobe access jobs into a folder, as {JobId}.zip (or unpacked into {JobId}\ with
    /// -Expand). The session's token goes only to the API host. A file already there is skipped unless -Force; files are
    /// written whole or not at all. Emits a FileInfo (DirectoryInfo with -Expand) carrying the job's JobId.
    /// </summary>
    [Cmdlet(VerbsData.Save, "PrivacyJobResult", HelpUri = HelpLinks.Cmdlets + "Save-PrivacyJobResult.md", SupportsShouldProcess = true, DefaultParameterSetName = JobSet)]
    [OutputType(typeof(FileInfo), typeof(DirectoryInfo))]
    public sealed class SavePrivacyJobResultCommand : ApiCmdlet
    {
        private const string JobSet = "Job";
        private const string IdSet = "Id";
        private static readonly ProgressActivity Progress = new ProgressActivity(ProgressIds.SavePrivacyJobResults, "Saving Adobe access results");
        private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(100);

        private readonly List<PrivacyJob> _jobs = new List<PrivacyJob>();
        private readonly List<string> _ids = new List<string>();
        private string _directory = string.Empty;
        private int _saved;
        private int _skipped;
        private int _failed;

        /// <summary>Jobs from Get-PrivacyJob or Wait-PrivacyJob.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = JobSet)]
        [ValidateNotNull]
        public PrivacyJob[]? InputObject { get; set; }

        /// <summary>Job ids: each job is read first (GET /jobs/{id}) to find its results.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        [Alias("Identity")]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>The folder to save into; created when missing.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Unpacks each archive into a folder named after the job, instead of keeping the .zip.</summary>
        [Parameter]
        public SwitchParameter Expand { get; set; }

        /// <summary>Downloads again what is already in the folder (replacing it whole).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many results download at once (default 4, as New-PrivacyJob).</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = NewPrivacyJobCommand.DefaultThrottleLimit;

        protected override PrivacyProvider? Vendor => PrivacyProvider.Adobe;

        protected override void BeginProcessing()
        {
            _directory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase) || File.Exists(_directory))
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    "PrivacyServices.Adobe.PathNotFolder", nameof(Path), $"-Path '{Path}' is not a folder of the file system; give the folder to save the results in.", Path));
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                _ids.AddRange(JobId);
                return;
            }

            foreach (var job in InputObject!)
            {
                if (job != null)
                {
                    _jobs.Add(job);
                }
            }
        }

        protected override void EndProcessing()
        {
            var client = CreateClient(AdobePrivacyJobsClient.For);
            foreach (var id in _ids)
            {
                if (TryRun(ct => client.GetAsync(id, ct), id, out var job))
                {
                    _jobs.Add(job);
                }
            }

            var downloads = new List<PrivacyJob>();
            foreach (var job in _jobs)
            {
                var why = AccessResultDownloader.WhyNoResults(job);
                if (why != null)
                {
                    _failed++;
                    WriteError(ErrorRecords.From(why, job, this));
                    continue;
                }

                var target = Target(job);
                if (!Force && (File.Exists(target) || Directory.Exists(target)))
                {
                    _skipped++;
                    WriteVerbose($"The results of job {job.JobId} are already in {target}: skipped (use -Force to download them again).");
                    continue;
                }

                if (ShouldProcess(target, $"Save the access results of job {job.JobId}"))
                {
                    downloads.Add(job);
                }
            }

            if (downloads.Count > 0)
            {
                if (!Directory.Exists(_directory))
                {
                    Directory.CreateDirectory(_directory);
                }

                var session = ApiSession;
                var downloader = new AccessResultDownloader(session.Http, new SignedUrlDownloader(session.Http.Retry, IdleTimeout, transport: session.Transport));
                var concurrency = new AdaptiveConcurrency(ThrottleLimit);
                Run(async (pump, ct) =>
                {
                    await Concurrently.RunAsync(downloads, concurrency, (job, token) => SaveAsync(downloader, job, downloads.Count, pump, token), ct).ConfigureAwait(false);
                    return downloads.Count;
                });
                WriteProgress(Progress.Completed());
            }

            WriteVerbose($"Access results: {_saved} saved, {_skipped} already present (skipped), {_failed} not saved, in {_directory}.");
        }

        private string Target(PrivacyJob job) =>
            System.IO.Path.Combine(_directory, SafeName(job.JobId) + (Expand ? string.Empty : ".zip"));

        private async Task SaveAsync(AccessResultDownloader downloader, PrivacyJob job, int total, IPipelineWriter pump, CancellationToken cancellationToken)
        {
            var target = Target(job);
            var archive = Expand ? System.IO.Path.Combine(_directory, SafeName(job.JobId) + ".zip" + PartialFile.Suffix + "-" + Guid.NewGuid().ToString("N").Substring(0, 8)) : target;
            try
            {
                var result = await downloader.DownloadAsync(job, archive, null, cancellationToken).ConfigureAwait(false);
                if (Expand)
                {
                    try
                    {
                        ZipExpander.Expand(archive, target, Force, "PrivacyServices.Adobe");
                    }
                    finally
                    {
                        File.Delete(archive);
                    }
                }

                var done = Interlocked.Increment(ref _saved);
                var record = Progress.Status($"{done} of {total} saved", (int)(100L * done / Math.Max(1, total)));
                pump.Post(c =>
                {
                    var cmdlet = (SavePrivacyJobResultCommand)c;
                    foreach (var item in cmdlet.InvokeProvider.Item.Get(WildcardPattern.Escape(target)))
                    {
                        item.Properties.Add(new PSNoteProperty("JobId", job.JobId));
                        cmdlet.WriteObject(item);
                    }

                    c.WriteVerbose($"Job {job.JobId}: {result.Bytes:N0} bytes saved to {target}.");
                    c.WriteProgress(record);
                });
            }
            catch (PrivacyServiceException ex)
            {
                Interlocked.Increment(ref _failed);
                pump.Post(c => c.WriteError(ErrorRecords.From(ex, job, (PSCmdlet)c)));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Interlocked.Increment(ref _failed);
                pump.Post(c => c.WriteError(ErrorRecords.WriteFailed(
                    "PrivacyServices.Adobe.SaveFailed",
                    new IOException($"The results of job {job.JobId} could not be written to {target}: {ex.Message}", ex),
                    job)));
            }
        }

        /// <summary>A job id as a file name: Adobe's ids are letters, digits and dashes; anything else becomes '_'.</summary>
        private static string SafeName(string jobId)
        {
            var chars = jobId.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (!(char.IsLetterOrDigit(chars[i]) || chars[i] == '-' || chars[i] == '_' || chars[i] == '.') || (i == 0 && chars[i] == '.'))
                {
                    chars[i] = '_';
                }
            }

            return new string(chars);
        }
    }
}
