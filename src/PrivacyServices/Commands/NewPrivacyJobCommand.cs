using System;
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
    [Cmdlet(VerbsCommon.New, "PrivacyJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PrivacyJob))]
    public sealed class NewPrivacyJobCommand : ApiCmdlet
    {
        private readonly PrivacyUserCollector _users = new PrivacyUserCollector();
        private PrivacyJobOptions? _options;
        private AdobePrivacyJobsClient? _client;

        /// <summary>Names the data subject in the results; rows with the same key are one user.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Key { get; set; } = string.Empty;

        /// <summary>The identity namespace (email, ECID, a custom one, …).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Namespace { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
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

        protected override void BeginProcessing()
        {
            var session = ResolveSession(PrivacyProvider.Adobe);
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
                _client = new AdobePrivacyJobsClient(session.Pipeline, session.Setting("OrgId"));
            }
            catch (PrivacyServices.Http.PrivacyServiceException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, session));
            }
        }

        protected override void ProcessRecord()
        {
            try
            {
                _users.Add(Key, Namespace, Value, Type);
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidArgument("PrivacyServices.Adobe.UserKeyMissing", nameof(Key), "-Key is blank: " + ex.Message, Key));
            }
        }

        protected override void EndProcessing()
        {
            var (valid, rejected) = _users.Build();
            foreach (var refused in rejected)
            {
                WriteError(ErrorRecords.InvalidArgument(refused.ErrorId, refused.Parameter, refused.Message, refused.User));
            }

            var batches = PrivacyUserCollector.Batch(valid);
            WriteVerbose($"{_users.RowCount} rows → {_users.UserCount} users ({_users.DuplicateRowCount} repeated rows ignored, {rejected.Count} refused); " +
                         $"{valid.Count} users to submit in {batches.Count} request(s) of at most {AdobePrivacyJobsClient.MaxUsersPerRequest}.");

            var activity = $"Creating Adobe privacy jobs ({Regulation})";
            var processed = 0;
            for (var i = 0; i < batches.Count; i++)
            {
                var batch = batches[i];
                var label = $"Request {i + 1} of {batches.Count}";
                WriteProgress(new ProgressRecord(1, activity, $"{label}: {batch.Count} users ({processed} of {valid.Count} done)")
                {
                    PercentComplete = (int)(100L * processed / Math.Max(1, valid.Count)),
                });

                var target = batch.Count == 1
                    ? $"user '{batch[0].Key}' under {Regulation}"
                    : $"{batch.Count} users ('{batch[0].Key}' … '{batch[batch.Count - 1].Key}') under {Regulation}";
                var what = $"Create {string.Join(" and ", _options!.Actions)} jobs in {string.Join(", ", _options.Products)}";
                if (!ShouldProcess(target, what))
                {
                    continue;
                }

                var users = batch.ToArray();
                if (TryRun(ct => _client!.CreateAsync(_options, users, label, ct), users, out var result))
                {
                    WriteVerbose($"{label}: {batch.Count} users → {result.Jobs.Count} jobs (request id {result.RequestId}).");
                    foreach (var job in result.Jobs)
                    {
                        WriteObject(PrivacyJobOutput.ToPSObject(job));
                    }

                    if (result.Missing.Count > 0)
                    {
                        WriteWarning($"{label}: the Privacy Service did not return a job for {result.Missing.Count} user/action pair(s): " +
                                     string.Join(", ", result.Missing.Take(10)) + (result.Missing.Count > 10 ? ", …" : string.Empty) +
                                     $". Check with Get-PrivacyJob -Regulation {Regulation}.");
                    }
                }

                processed += batch.Count;
            }

            WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
