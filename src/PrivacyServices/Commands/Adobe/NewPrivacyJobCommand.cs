using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Apis;
using PrivacyServices.Models;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// Creates Adobe privacy jobs (access/delete) for data subjects given as parameters or piped rows (Key, Namespace,
    /// Value, Type: Import-Csv works as is). Rows with the same Key become one user. Users are checked first, then sent
    /// in requests of at most 1000; a failed request is reported with its users and the others still go.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PrivacyJob", HelpUri = HelpLinks.Cmdlets + "New-PrivacyJob.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PrivacyJob))]
    public sealed class NewPrivacyJobCommand : ApiCmdlet
    {
        private readonly PrivacyUserCollector _users = new PrivacyUserCollector();
        private PrivacyJobOptions? _options;
        private AdobePrivacyJobsClient? _client;
        private readonly SortedKeyGuard _sortedKeys = new SortedKeyGuard(System.Globalization.CultureInfo.CurrentCulture);
        private int _usersSeen;
        private int _refused;
        private int _requests;
        private AdaptiveConcurrency? _concurrency;
        private BackgroundWork? _stream;
        private ExistingJobs? _existing;
        private SubmissionCheckpoint? _checkpoint;
        private BlockingCollection<Batch>? _streamInput;
        private readonly BatchAccount _account = new BatchAccount();

        /// <summary>Names the data subject in the results; rows with the same key are one user.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("UserKey", "User")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string Key { get; set; } = string.Empty;

        /// <summary>The identity namespace (email, ECID, a custom one, …).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("IdNamespace", "IdType")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(PrivacyJobValueCompleter))]
        public string Namespace { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Email", "UserId", "Id", "IdValue")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string Value { get; set; } = string.Empty;

        /// <summary>
        /// The piped row itself, so that a row without the columns this cmdlet reads gets an error naming them (and the
        /// row's own columns) instead of PowerShell's generic binding message.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>The namespace qualifier: standard (the default), custom, integrationCode, namespaceId, unregistered, analytics or target.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(PrivacyJobValueCompleter))]
        public string? Type { get; set; }

        /// <summary>gdpr, ccpa, lgpd_bra, … (any name: Adobe adds and renames regulations).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PrivacyJobValueCompleter))]
        public string Regulation { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        [ValidateSet("access", "delete", IgnoreCase = true)]
        public string[] Action { get; set; } = Array.Empty<string>();

        /// <summary>The Adobe products to run the jobs in (the request's include list): Analytics, AudienceManager, aepDataLake, …</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [Alias("Include")]
        [ArgumentCompleter(typeof(PrivacyJobValueCompleter))]
        public string[] Product { get; set; } = Array.Empty<string>();

        /// <summary>Lets Adobe Analytics expand the IDs (expandIds).</summary>
        [Parameter]
        public SwitchParameter ExpandIds { get; set; }

        [Parameter]
        [ValidateSet("normal", "low", IgnoreCase = true)]
        public string? Priority { get; set; }

        [Parameter]
        [ValidateSet("anonymize", "purge", IgnoreCase = true)]
        public string? AnalyticsDeleteMethod { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? MergePolicyId { get; set; }

        /// <summary>
        /// The input is sorted by Key (as Sort-Object Key sorts it, or ordinally): each request of 1000 users is sent as soon
        /// as it is full, so memory stays constant for any number of users. Only the previous key is kept: a row whose key
        /// comes before it (a user that may have been sent already) is reported as an error and not sent.
        /// </summary>
        [Parameter]
        public SwitchParameter SortedByKey { get; set; }

        /// <summary>
        /// How many requests may be in flight at once (default 4). Adobe publishes no number, only that it throttles
        /// submissions above a monitored volume with 429: 4 overlaps the round trips of a distant endpoint without looking
        /// like a flood, and a 429 narrows it further on its own. Jobs are written as their request is answered.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        public const int DefaultThrottleLimit = 4;

        /// <summary>Sends a -Regulation that Adobe does not document, as given (by default it is refused, with the closest known one suggested).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// Before sending, lists the regulation's jobs of the last -ExistingSince days and leaves out every user and action
        /// that already has one that did not fail; those jobs are written instead. Makes a rerun after a restart safe.
        /// </summary>
        [Parameter]
        public SwitchParameter SkipExisting { get; set; }

        /// <summary>
        /// A local state file (machines that keep files: Hybrid Runbook Workers): every request is recorded before it is sent
        /// and after it is answered; a rerun with the same file leaves out the users already submitted without asking the service.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        /// <summary>How many days back -SkipExisting looks for existing jobs (1 to 30, Adobe's listing limit).</summary>
        [Parameter]
        [ValidateRange(1, ExistingJobs.MaxDays)]
        public int ExistingSince { get; set; } = 7;

        protected override PrivacyProvider? Vendor => PrivacyProvider.Adobe;

        protected override void BeginProcessing()
        {
            try
            {
                _options = new PrivacyJobOptions(Regulations.Check(Regulation, Force), Action, Product)
                {
                    ExpandIds = MyInvocation.BoundParameters.ContainsKey(nameof(ExpandIds)) ? ExpandIds.IsPresent : (bool?)null,
                    Priority = Priority?.ToLowerInvariant(),
                    AnalyticsDeleteMethod = AnalyticsDeleteMethod?.ToLowerInvariant(),
                    MergePolicyId = MergePolicyId,
                };
                _options.Validate();
            }
            catch (PrivacyServices.Http.PrivacyServiceException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, Regulation, this));
            }

            // The session is needed before any input is read: without one, nothing is collected in vain.
            _client = CreateClient(AdobePrivacyJobsClient.For);
            _concurrency = new AdaptiveConcurrency(ThrottleLimit);
            if (StatePath != null)
            {
                try
                {
                    var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
                    _checkpoint = SubmissionCheckpoint.Open(path, _options!.Regulation);
                    WriteVerbose($"State file {path}: {_checkpoint.Recorded} job(s) recorded, {_checkpoint.InDoubt.Count} user(s) of a request that may or may not have reached the service.");
                }
                catch (PrivacyServices.Http.PrivacyServiceException ex)
                {
                    ThrowTerminatingError(ErrorRecords.From(ex, StatePath, this));
                }
            }
        }

        protected override void ProcessRecord()
        {
            var missing = MissingColumns();
            if (missing.Length > 0)
            {
                var columns = InputObject == null ? "no input" : "columns " + string.Join(", ", InputObject.Properties.Select(p => p.Name));
                WriteError(ErrorRecords.InvalidArgument(
                    "PrivacyServices.Adobe.UserColumnsMissing",
                    missing[0],
                    $"A user needs {string.Join(", ", missing.Select(m => "-" + m))}: this row has {columns}. New-PrivacyJob reads Key (or UserKey, User), Namespace (IdNamespace, IdType), " +
                    "Value (Email, UserId, Id, IdValue) and, optionally, Type. Rename the columns (Select-Object @{ n = 'Value'; e = { $_.Mail } }, …) or give the parameters; this row was not submitted.",
                    InputObject));
                return;
            }

            if (string.IsNullOrWhiteSpace(Key))
            {
                WriteError(ErrorRecords.InvalidArgument("PrivacyServices.Adobe.UserKeyMissing", nameof(Key), "-Key is blank: a user needs a key.", Key));
                return;
            }

            if (SortedByKey && !_users.Contains(Key))
            {
                var previous = _sortedKeys.LastKey;
                if (!_sortedKeys.TryAccept(Key.Trim()))
                {
                    WriteError(ErrorRecords.InvalidArgument(
                        "PrivacyServices.Adobe.KeyNotSorted",
                        nameof(SortedByKey),
                        $"A row for user '{Key}' came after user '{previous}', but -SortedByKey says the input is sorted by Key (a user that came before may have been sent already); this row was not submitted. Sort the input by Key (Sort-Object Key), or leave out -SortedByKey.",
                        Key));
                    return;
                }

                if (_users.UserCount >= AdobePrivacyJobsClient.MaxUsersPerRequest)
                {
                    SendGathered(final: false);
                }
                else
                {
                    _stream?.ShowPosted(this);
                }
            }

            _users.Add(Key, Namespace, Value, Type);
        }

        protected override void EndProcessing()
        {
            SendGathered(final: true);
            if (SortedByKey)
            {
                WriteVerbose($"{_users.RowCount} rows → {_usersSeen} users ({_users.DuplicateRowCount} repeated rows ignored, {_refused} refused); sent as they came in {_requests} request(s).");
            }

            if (_concurrency!.Throttles > 0)
            {
                WriteVerbose($"The Privacy Service throttled {_concurrency.Throttles} request(s); at most {_concurrency.PeakInFlight} were in flight at once.");
            }

            WriteProgress(Progress.Completed());
        }

        /// <summary>
        /// Which of Key, Namespace and Value this record lacks: for a piped row, by its columns (names and aliases; the binder
        /// keeps no trace of a parameter a row did not bind), else by the parameters given.
        /// </summary>
        private string[] MissingColumns()
        {
            var required = new[] { nameof(Key), nameof(Namespace), nameof(Value) };
            if (InputObject == null || InputObject.BaseObject is string)
            {
                return required.Where(p => !MyInvocation.BoundParameters.ContainsKey(p)).ToArray();
            }

            var columns = new HashSet<string>(InputObject.Properties.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
            return required.Where(p => !NamesOf(p).Any(columns.Contains)).ToArray();
        }

        private IEnumerable<string> NamesOf(string parameter) =>
            new[] { parameter }.Concat(MyInvocation.MyCommand.Parameters[parameter].Aliases);

        private ProgressActivity Progress => new ProgressActivity(ProgressIds.NewPrivacyJob, $"Creating Adobe privacy jobs ({Regulation})");

        /// <summary>Checks the users gathered so far, reports the refused ones, and sends the others in requests of at most 1000.</summary>
        private void SendGathered(bool final)
        {
            var (valid, rejected) = _users.Build();
            _usersSeen += _users.UserCount;
            _refused += rejected.Count;
            foreach (var refused in rejected)
            {
                WriteError(ErrorRecords.InvalidArgument(refused.ErrorId, refused.Parameter, refused.Message, refused.User));
            }

            var groups = SkipExisting || _checkpoint != null ? WithoutExisting(valid) : new List<(PrivacyJobOptions, IReadOnlyList<PrivacyUser>)> { (_options!, valid) };
            var batches = groups.SelectMany(g => PrivacyUserCollector.Batch(g.Item2).Select(b => (Options: g.Item1, Users: b))).ToList();
            if (!SortedByKey)
            {
                WriteVerbose($"{_users.RowCount} rows → {_users.UserCount} users ({_users.DuplicateRowCount} repeated rows ignored, {rejected.Count} refused); " +
                             $"{groups.Sum(g => g.Item2.Count)} users to submit in {batches.Count} request(s) of at most {AdobePrivacyJobsClient.MaxUsersPerRequest}.");
            }

            _users.Clear();
            var approved = Approve(batches);
            _account.Waiting(approved.Select(b => b.Users));
            try
            {
                if (SortedByKey)
                {
                    Stream(approved, final);
                }
                else
                {
                    Run(async (pump, ct) =>
                    {
                        await Concurrently.RunAsync(approved, _concurrency!, (batch, token) => SendAsync(batch, pump, valid.Count, token), ct).ConfigureAwait(false);
                        return approved.Count;
                    });
                }
            }
            catch (RuntimeException ex) when (_account.HasWork)
            {
                // Ctrl+C, or a command further down the pipeline failed or stopped it: no record of ours can be written any
                // more, but the host still shows a warning.
                Host.UI.WriteWarningLine(_account.Describe(ex is PipelineStoppedException ? "was stopped" : "was stopped by a failure further down the pipeline"));
                throw;
            }
            catch (Exception ex) when (!(ex is RuntimeException) && _account.HasWork)
            {
                var neverSent = _account.NeverSent.Concat(_account.InFlightUsers).ToArray();
                ThrowTerminatingError(ErrorRecords.Interrupted(
                    "PrivacyServices.Adobe.BatchInterrupted",
                    _account.Describe($"stopped on an unexpected failure ({ex.GetType().Name}: {ex.Message})"),
                    ex,
                    neverSent));
            }
        }

        /// <summary>
        /// -SortedByKey: each full request joins the requests running in the background while the input is still read, up to
        /// -ThrottleLimit in flight (reading waits when that many are), and their jobs are written whenever a row comes in.
        /// </summary>
        private void Stream(IReadOnlyList<Batch> approved, bool final)
        {
            if (_stream == null)
            {
                var input = _streamInput = new BlockingCollection<Batch>(ThrottleLimit);
                _stream = new BackgroundWork(
                    (writer, ct) => Concurrently.RunAsync(input.GetConsumingEnumerable(ct), _concurrency!, (batch, token) => SendAsync(batch, writer, 0, token), ct),
                    ShowsTrace(),
                    StopToken);
            }

            try
            {
                foreach (var batch in approved)
                {
                    while (!_streamInput!.TryAdd(batch, 50, StopToken))
                    {
                        _stream.ShowPosted(this);
                    }
                }
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            _stream.ShowPosted(this);
            if (final)
            {
                _streamInput!.CompleteAdding();
                _stream.Finish(this);
            }
        }

        /// <summary>Asks -WhatIf/-Confirm for every request first, on the pipeline thread, before any is sent.</summary>
        private List<Batch> Approve(IReadOnlyList<(PrivacyJobOptions Options, IReadOnlyList<PrivacyUser> Users)> batches)
        {
            var approved = new List<Batch>();
            foreach (var (options, batch) in batches)
            {
                var what = $"Create {string.Join(" and ", options.Actions)} jobs in {string.Join(", ", options.Products)}";
                _requests++;
                var label = SortedByKey ? $"Request {_requests}" : $"Request {_requests} of {batches.Count}";
                var target = batch.Count == 1
                    ? $"user '{batch[0].Key}' under {Regulation}"
                    : $"{batch.Count} users ('{batch[0].Key}' … '{batch[batch.Count - 1].Key}') under {Regulation}";
                if (ShouldProcess(target, what))
                {
                    approved.Add(new Batch(label, batch, options));
                }
            }

            return approved;
        }

        /// <summary>Sends one request off the pipeline thread; everything it has to say is posted back to it.</summary>
        private async Task SendAsync(Batch batch, IPipelineWriter pump, int total, CancellationToken cancellationToken)
        {
            var users = batch.Users.ToArray();
            _account.Sending(batch.Label, batch.Users);
            _checkpoint?.Sending(batch.Options.Regulation, batch.Label, users, batch.Options.Actions);
            PrivacyJobBatchResult result;
            try
            {
                result = await _client!.CreateAsync(batch.Options, users, batch.Label, cancellationToken).ConfigureAwait(false);
            }
            catch (PrivacyServices.Http.PrivacyServiceException ex)
            {
                if (ex.StatusCode.HasValue)
                {
                    _checkpoint?.Failed(batch.Options.Regulation, batch.Label, ex.StatusCode.Value);
                }

                _account.Answered(batch.Users, 0);
                pump.Post(c => c.WriteError(ErrorRecords.From(ex, users, (PSCmdlet)c)));
                PostProgress(pump, total);
                return;
            }

            _checkpoint?.Done(batch.Options.Regulation, batch.Label, result.Jobs);
            _account.Answered(batch.Users, result.Jobs.Count);
            pump.Post(c =>
            {
                var cmdlet = (NewPrivacyJobCommand)c;
                cmdlet.WriteVerbose($"{batch.Label}: {users.Length} users → {result.Jobs.Count} jobs (request id {result.RequestId}).");
                foreach (var job in result.Jobs)
                {
                    cmdlet.WriteObject(PrivacyJobOutput.ToPSObject(job));
                    PrivacyJobOutput.WarnAboutUnreadable(job, cmdlet.WriteWarning);
                }

                if (result.Missing.Count > 0)
                {
                    cmdlet.WriteWarning($"{batch.Label}: the Privacy Service did not return a job for {result.Missing.Count} user/action pair(s): " +
                                        string.Join(", ", result.Missing.Take(10)) + (result.Missing.Count > 10 ? ", …" : string.Empty) +
                                        $". Check with Get-PrivacyJob -Regulation {Regulation}.");
                }
            });
            PostProgress(pump, total);
        }

        private void PostProgress(IPipelineWriter pump, int total)
        {
            var sent = _account.UsersSent;
            var record = SortedByKey
                ? Progress.Status($"{sent} users sent so far", -1)
                : Progress.Status($"{sent} of {total} users sent ({_concurrency!.Window} request(s) at a time)", (int)(100L * sent / Math.Max(1, total)));
            pump.Post(c => c.WriteProgress(record));
        }

        private sealed class Batch
        {
            public Batch(string label, IReadOnlyList<PrivacyUser> users, PrivacyJobOptions options)
            {
                Label = label;
                Users = users;
                Options = options;
            }

            public string Label { get; }
            public IReadOnlyList<PrivacyUser> Users { get; }
            public PrivacyJobOptions Options { get; }
        }

        /// <summary>
        /// -SkipExisting: writes the jobs these users already have (same regulation and action, not failed, within
        /// -ExistingSince days) and leaves those user/action pairs out; returns the users still to submit, grouped by the
        /// actions each still needs.
        /// </summary>
        private List<(PrivacyJobOptions, IReadOnlyList<PrivacyUser>)> WithoutExisting(IReadOnlyList<PrivacyUser> users)
        {
            // The service is asked with -SkipExisting, or when the state file holds users whose request may or may not have reached it.
            if (_existing == null && (SkipExisting || users.Any(u => _checkpoint?.IsInDoubt(u.Key) == true)))
            {
                var now = DateTimeOffset.UtcNow;
                if (!TryRun(ct => ExistingJobs.FindAsync(_client!, _options!.Regulation, ExistingSince, now, ct), Regulation, out var found))
                {
                    ThrowTerminatingError(ErrorRecords.InvalidOperation(
                        "PrivacyServices.Adobe.ExistingJobsUnknown",
                        "The jobs that already exist could not be listed, so nothing was sent (the users already submitted would not be known). Run it again, or leave out -SkipExisting.",
                        Regulation));
                }

                _existing = found;
            }

            var groups = new Dictionary<string, (PrivacyJobOptions Options, List<PrivacyUser> Users)>(StringComparer.Ordinal);
            var reused = 0;
            foreach (var user in users)
            {
                var missing = new List<string>();
                foreach (var action in _options!.Actions)
                {
                    var job = _checkpoint?.Find(user.Key, action) ?? _existing?.Find(user.Key, action);
                    if (job == null)
                    {
                        missing.Add(action);
                        continue;
                    }

                    reused++;
                    WriteObject(PrivacyJobOutput.ToPSObject(job));
                }

                if (missing.Count == 0)
                {
                    continue;
                }

                var key = string.Join(",", missing);
                if (!groups.TryGetValue(key, out var group))
                {
                    group = (missing.Count == _options.Actions.Count ? _options : _options.WithActions(missing), new List<PrivacyUser>());
                    groups[key] = group;
                }

                group.Users.Add(user);
            }

            if (reused > 0)
            {
                WriteVerbose($"{reused} job(s) already existed (written, not submitted again).");
            }

            return groups.Values.Select(g => (g.Options, (IReadOnlyList<PrivacyUser>)g.Users)).ToList();
        }
    }
}
