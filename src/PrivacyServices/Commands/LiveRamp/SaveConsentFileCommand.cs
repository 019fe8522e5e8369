using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Text.RegularExpressions;
using PrivacyServices.Downloads;
using PrivacyServices.Http;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Models;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// Downloads consent files from their pre-signed FileUrl into a folder, as <c>{Id}.csv</c> (the URL's extension).
    /// The signed URL is the file's only credential: no session and no bearer token is involved. Each file is written to
    /// <c>{name}.{unique}.partial</c> (its own) and renamed once complete, so a file under the final name is always whole; that is also why an
    /// existing file is skipped without asking the storage host (re-run a daily job and only new files download), unless -Force.
    /// Emits a FileInfo for each file downloaded by this call; skipped files are reported with -Verbose.
    /// </summary>
    [Cmdlet(VerbsData.Save, "ConsentFile", HelpUri = HelpLinks.Cmdlets + "Save-ConsentFile.md", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveConsentFileCommand : PrivacyCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string UrlSet = "Url";
        private static readonly ProgressActivity Progress = new ProgressActivity(ProgressIds.SaveConsentFiles, "Saving LiveRamp consent files");
        private static readonly Regex SafeExtension = new Regex(@"^(\.[A-Za-z0-9]{1,8}){1,2}$", RegexOptions.CultureInvariant);
        private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(100);
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private SignedUrlDownloader? _downloader;
        private string _directory = string.Empty;
        private int _saved;
        private int _skipped;
        private int _failed;
        private bool _progressShown;
        private readonly List<Download> _queued = new List<Download>();
        private AdaptiveConcurrency _concurrency = new AdaptiveConcurrency(DefaultThrottleLimit);

        /// <summary>Downloads are queued and started in groups of this many per -ThrottleLimit slot, so the pipeline keeps flowing.</summary>
        private const int FilesPerThrottleSlot = 8;

        public const int DefaultThrottleLimit = 8;

        /// <summary>Consent files from Get-ConsentFile.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public ConsentFile[]? InputObject { get; set; }

        /// <summary>The consent file's id (the file name); binds by property name from any object with Id and FileUrl.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = UrlSet)]
        public Guid Id { get; set; }

        /// <summary>The pre-signed download URL.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = UrlSet)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public Uri? FileUrl { get; set; }

        /// <summary>The folder to save into; created when missing.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>
        /// How many files download at once (default 8). Storage hosts serve signed URLs from a CDN with generous limits; 8
        /// hides the round trips of a distant host without many connections. A 429 or 503 narrows it on its own. Files are
        /// written out as they complete, not in input order.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>Download even when the file is already in the folder (replacing it atomically).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How often a failed or broken-off download is restarted.</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetry { get; set; } = 3;

        protected override void BeginProcessing()
        {
            _directory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    "PrivacyServices.LiveRamp.PathNotFileSystem", nameof(Path), $"-Path '{Path}' is on the {provider.Name} provider; give a folder in the file system.", Path));
            }

            if (File.Exists(_directory))
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    "PrivacyServices.LiveRamp.PathIsFile", nameof(Path), $"-Path '{_directory}' is a file; give the folder to save the consent files in.", Path));
            }

            if (!Directory.Exists(_directory) && ShouldProcess(_directory, "Create folder"))
            {
                Directory.CreateDirectory(_directory);
                WriteVerbose($"Created the folder {_directory}.");
            }

            // The signed URL needs no session, but a LiveRamp session's proxy and TLS settings are the ones that reach the internet.
            var transport = SessionChooser.Choose(SessionRegistry.Current, PrivacyProvider.LiveRamp, out _)?.Transport;
            _downloader = new SignedUrlDownloader(new RetryPolicy(MaxRetry), IdleTimeout, transport: transport);
            _concurrency = new AdaptiveConcurrency(ThrottleLimit);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == UrlSet)
            {
                Queue(Id, FileUrl!, Id);
            }
            else
            {
                foreach (var file in InputObject!)
                {
                    if (file != null)
                    {
                        Queue(file.Id, file.FileUrl, file);
                    }
                }
            }

            if (_queued.Count >= ThrottleLimit * FilesPerThrottleSlot)
            {
                DownloadQueued();
            }
        }

        protected override void EndProcessing()
        {
            DownloadQueued();
            if (_progressShown)
            {
                WriteProgress(Progress.Completed());
            }

            WriteVerbose($"Consent files: {_saved} downloaded, {_skipped} already present (skipped), {_failed} failed, in {_directory}" +
                         (_concurrency.Throttles > 0 ? $"; the storage host throttled {_concurrency.Throttles} request(s)." : "."));
        }

        /// <summary>Skips a file already saved, asks -WhatIf/-Confirm, and queues the download (on the pipeline thread).</summary>
        private void Queue(Guid id, Uri fileUrl, object target)
        {
            var name = id.ToString("D") + ExtensionOf(fileUrl);
            var destination = System.IO.Path.Combine(_directory, name);
            if (!Force && File.Exists(destination))
            {
                _skipped++;
                WriteVerbose($"{name} is already in {_directory}: skipped (downloads are renamed into place only when complete; use -Force to download it again).");
                return;
            }

            if (!ShouldProcess(destination, $"Download consent file {id} from {Redactor.RedactUri(fileUrl)}"))
            {
                return;
            }

            _queued.Add(new Download(id, fileUrl, target, name, destination));
        }

        /// <summary>Downloads what is queued, up to -ThrottleLimit at once; each file is written out (or its error) as it completes.</summary>
        private void DownloadQueued()
        {
            if (_queued.Count == 0)
            {
                return;
            }

            var downloads = _queued.ToArray();
            _queued.Clear();
            _progressShown = true;
            Run(async (pump, ct) =>
            {
                await Concurrently.RunAsync(downloads, _concurrency, (download, token) => DownloadAsync(download, pump, token), ct).ConfigureAwait(false);
                return downloads.Length;
            });
        }

        private async Task DownloadAsync(Download download, PipelinePump pump, CancellationToken cancellationToken)
        {
            var sinceProgress = Stopwatch.StartNew();
            try
            {
                var result = await _downloader!.DownloadAsync(
                    download.Url,
                    download.Destination,
                    progress =>
                    {
                        var last = progress.TotalBytes.HasValue && progress.BytesReceived == progress.TotalBytes.Value;
                        if (progress.BytesReceived == 0 || last || sinceProgress.Elapsed >= ProgressInterval)
                        {
                            sinceProgress.Restart();
                            var record = ProgressFor(download.Name, progress);
                            pump.Post(c => c.WriteProgress(record));
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _saved);

                // Through the FileSystem provider, as Get-Item would: the file gets PSPath, Mode and the default file view.
                pump.Post(c => ((SaveConsentFileCommand)c).WriteObject(((SaveConsentFileCommand)c).InvokeProvider.Item.Get(WildcardPattern.Escape(result.Path)), enumerateCollection: true));
            }
            catch (PrivacyServiceException ex)
            {
                Interlocked.Increment(ref _failed);
                pump.Post(c =>
                {
                    var record = ErrorRecords.From(ex, download.Target, (PSCmdlet)c);
                    record.ErrorDetails = new ErrorDetails($"Consent file {download.Id} was not saved: {ex.Message}")
                    {
                        RecommendedAction = record.ErrorDetails?.RecommendedAction,
                    };
                    c.WriteError(record);
                });
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Interlocked.Increment(ref _failed);
                pump.Post(c => c.WriteError(ErrorRecords.WriteFailed(
                    "PrivacyServices.LiveRamp.SaveFailed",
                    new IOException($"Consent file {download.Id} could not be written to {download.Destination}: {ex.Message}", ex),
                    download.Target)));
            }
        }

        private sealed class Download
        {
            public Download(Guid id, Uri url, object target, string name, string destination)
            {
                Id = id;
                Url = url;
                Target = target;
                Name = name;
                Destination = destination;
            }

            public Guid Id { get; }
            public Uri Url { get; }
            public object Target { get; }
            public string Name { get; }
            public string Destination { get; }
        }

        private ProgressRecord ProgressFor(string name, DownloadProgress progress)
        {
            var status = progress.TotalBytes.HasValue
                ? $"{name}: {progress.BytesReceived:N0} of {progress.TotalBytes.Value:N0} bytes"
                : $"{name}: {progress.BytesReceived:N0} bytes";
            var record = Progress.Status(status, progress.Percent);
            record.CurrentOperation = $"{Volatile.Read(ref _saved) + Volatile.Read(ref _failed)} file(s) done, up to {_concurrency.Window} at a time";
            return record;
        }

        /// <summary>The extension of the URL's file name (.csv, .csv.gz); .csv when it has none or an odd one.</summary>
        private static string ExtensionOf(Uri fileUrl)
        {
            var fileName = fileUrl.Segments.Length > 0 ? Uri.UnescapeDataString(fileUrl.Segments[fileUrl.Segments.Length - 1]) : string.Empty;
            var dot = fileName.IndexOf('.');
            var extension = dot < 0 ? string.Empty : fileName.Substring(dot);
            return SafeExtension.IsMatch(extension) ? extension.ToLowerInvariant() : ".csv";
        }
    }
}
