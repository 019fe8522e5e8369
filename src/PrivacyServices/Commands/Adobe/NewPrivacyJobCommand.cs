using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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
        private int _processed;
        private readonly BatchAccount _account = new BatchAccount();

        /// <summary>Names the data subject in the results; rows with the same key are one user.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserKey", "User")]
        [ValidateNotNullOrEmpty]
        public string Key { get; set; } = string.Empty;

        /// <summary>The identity namespace (email, ECID, a custom one, …).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("IdNamespace", "IdType")]
        [AllowEmptyString]
        public string Namespace { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Email", "UserId", "Id", "IdValue")]
        [AllowEmptyString]
        public string Value { get; set; } = string.Empty;

        /// <summary>The namespace qualifier: standard (the default), custom, integrationCode, namespaceId, unregistered, analytics or target.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
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
        public string? MergePolicyId { get; set; }

        /// <summary>
        /// The input is sorted by Key (as Sort-Object Key sorts it, or ordinally): each request of 1000 users is sent as soon
        /// as it is full, so memory stays constant for any number of users. Only the previous key is kept: a row whose key
        /// comes before it (a user that may have been sent already) is reported as an error and not sent.
        /// </summary>
        [Parameter]
        public SwitchParameter SortedByKey { get; set; }

        protected override PrivacyProvider? Vendor => PrivacyProvider.Adobe;

        protected override void BeginProcessing()
        {
            try
            {
                _options = new PrivacyJobOptions(Regulation, Action, Product)
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
        }

        protected override void ProcessRecord()
        {
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
                    SendGathered();
                }
            }

            _users.Add(Key, Namespace, Value, Type);
        }

        protected override void EndProcessing()
        {
            SendGathered();
            if (SortedByKey)
            {
                WriteVerbose($"{_users.RowCount} rows → {_usersSeen} users ({_users.DuplicateRowCount} repeated rows ignored, {_refused} refused); sent as they came in {_requests} request(s).");
            }

            WriteProgress(Progress.Completed());
        }

        private ProgressActivity Progress => new ProgressActivity(ProgressIds.NewPrivacyJob, $"Creating Adobe privacy jobs ({Regulation})");

        /// <summary>Checks the users gathered so far, reports the refused ones, and sends the others in requests of at most 1000.</summary>
        private void SendGathered()
        {
            var (valid, rejected) = _users.Build();
            _usersSeen += _users.UserCount;
            _refused += rejected.Count;
            foreach (var refused in rejected)
            {
                WriteError(ErrorRecords.InvalidArgument(refused.ErrorId, refused.Parameter, refused.Message, refused.User));
            }

            var batches = PrivacyUserCollector.Batch(valid);
            if (!SortedByKey)
            {
                WriteVerbose($"{_users.RowCount} rows → {_users.UserCount} users ({_users.DuplicateRowCount} repeated rows ignored, {rejected.Count} refused); " +
                             $"{valid.Count} users to submit in {batches.Count} request(s) of at most {AdobePrivacyJobsClient.MaxUsersPerRequest}.");
            }

            _users.Clear();
            _account.Waiting(batches);
            try
            {
                foreach (var batch in batches)
                {
                    Send(batch, SortedByKey ? $"Request {_requests + 1}" : $"Request {_requests + 1} of {batches.Count}", valid.Count);
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
                var neverSent = _account.NeverSent.Concat(_account.InFlight ?? Array.Empty<PrivacyUser>()).ToArray();
                ThrowTerminatingError(ErrorRecords.Interrupted(
                    "PrivacyServices.Adobe.BatchInterrupted",
                    _account.Describe($"stopped on an unexpected failure ({ex.GetType().Name}: {ex.Message})"),
                    ex,
                    neverSent));
            }
        }

        private void Send(IReadOnlyList<PrivacyUser> batch, string label, int total)
        {
            _requests++;
            WriteProgress(Progress.Status(
                SortedByKey ? $"{label}: {batch.Count} users ({_processed} sent so far)" : $"{label}: {batch.Count} users ({_processed} of {total} done)",
                SortedByKey ? -1 : (int)(100L * _processed / Math.Max(1, total))));

            var target = batch.Count == 1
                ? $"user '{batch[0].Key}' under {Regulation}"
                : $"{batch.Count} users ('{batch[0].Key}' … '{batch[batch.Count - 1].Key}') under {Regulation}";
            var what = $"Create {string.Join(" and ", _options!.Actions)} jobs in {string.Join(", ", _options.Products)}";
            _processed += batch.Count;
            if (!ShouldProcess(target, what))
            {
                _account.Skipped(batch);
                return;
            }

            var users = batch.ToArray();
            _account.Sending(label, batch);
            var created = TryRun(ct => _client!.CreateAsync(_options, users, label, ct), users, out var result);
            _account.Answered(created ? result.Jobs.Count : 0);
            if (created)
            {
                WriteVerbose($"{label}: {batch.Count} users → {result.Jobs.Count} jobs (request id {result.RequestId}).");
                foreach (var job in result.Jobs)
                {
                    WriteObject(PrivacyJobOutput.ToPSObject(job));
                    PrivacyJobOutput.WarnAboutUnreadable(job, WriteWarning);
                }

                if (result.Missing.Count > 0)
                {
                    WriteWarning($"{label}: the Privacy Service did not return a job for {result.Missing.Count} user/action pair(s): " +
                                 string.Join(", ", result.Missing.Take(10)) + (result.Missing.Count > 10 ? ", …" : string.Empty) +
                                 $". Check with Get-PrivacyJob -Regulation {Regulation}.");
                }
            }
        }
    }
}
