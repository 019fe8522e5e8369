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
    /// Lists LiveRamp consent files (GET {ApiBaseUri}/consent-files), streaming each page's files to the pipeline before the
    /// next page is requested. The filters are applied here, since the API is not known to take them; -First stops the listing
    /// as soon as it is satisfied, and -Id as soon as every id has been listed.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ConsentFile", HelpUri = HelpLinks.Cmdlets + "Get-ConsentFile.md", SupportsPaging = true)]
    [OutputType(typeof(ConsentFile))]
    public sealed class GetConsentFileCommand : ApiCmdlet
    {
        private static readonly ProgressActivity Progress = new ProgressActivity(ProgressIds.ListConsentFiles, "Listing LiveRamp consent files");
        private readonly List<Guid> _ids = new List<Guid>();

        /// <summary>Only these files. Binds from the pipeline by property name, so old listings can be refreshed (new signed URLs).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("Identity")]
        public Guid[]? Id { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsentFileValueCompleter))]
        public string[]? IdentifierType { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsentFileValueCompleter))]
        public string[]? RequestType { get; set; }

        /// <summary>Only files created after this time (exclusive). A date without an offset is local time.</summary>
        [Parameter]
        public DateTimeOffset CreatedAfter { get; set; }

        /// <summary>Only files created before this time (exclusive).</summary>
        [Parameter]
        public DateTimeOffset CreatedBefore { get; set; }

        protected override PrivacyProvider? Vendor => PrivacyProvider.LiveRamp;

        protected override void BeginProcessing()
        {
            WarnAboutUnknownValues(nameof(IdentifierType), IdentifierType, ConsentFileValues.IdentifierTypes);
            WarnAboutUnknownValues(nameof(RequestType), RequestType, ConsentFileValues.RequestTypes);
        }

        /// <summary>Collects the ids of every pipeline object, so one listing serves them all.</summary>
        protected override void ProcessRecord()
        {
            if (Id != null)
            {
                _ids.AddRange(Id);
            }
        }

        protected override void EndProcessing()
        {
            var session = ApiSession;
            var filter = new ConsentFileFilter(
                _ids.Count > 0 ? _ids : null,
                IdentifierType,
                RequestType,
                Bound(nameof(CreatedAfter)) ? CreatedAfter : (DateTimeOffset?)null,
                Bound(nameof(CreatedBefore)) ? CreatedBefore : (DateTimeOffset?)null);
            var client = CreateClient(s => new LiveRampConsentFilesClient(s.Http));
            var listing = new Listing(PagingParameters.First, PagingParameters.Skip);

            Uri? pageUri = PagingParameters.First == 0 && !PagingParameters.IncludeTotalCount ? null : client.FirstPageUri;
            PageAhead<ConsentFilePage>? ahead = null;
            while (pageUri != null)
            {
                if (listing.Pages > 0)
                {
                    WriteProgress(Progress.Status($"Page {listing.Pages + 1}: {listing.Read:N0} listed, {listing.Written:N0} written so far"));
                }

                var requested = pageUri;
                var fetched = ahead;
                ConsentFilePage page;
                if (!(fetched == null ? TryRun(ct => client.GetPageAsync(requested, ct), session, out page) : TryRun(ct => fetched.Task, session, out page)))
                {
                    fetched?.ShowTrace(this);
                    listing.Failed = true;
                    break;
                }

                fetched?.ShowTrace(this);
                ahead = null;
                listing.Pages++;

                // Filter first, write after: whether another page is needed is known before any file is written, so the
                // next page is already on its way while this one goes down the pipeline.
                var admitted = new List<ConsentFile>();
                foreach (var file in page.Files)
                {
                    listing.Read++;
                    if (filter.Matches(file) && listing.Admit())
                    {
                        admitted.Add(file);
                    }
                }

                pageUri = page.NextPageUri;
                var enough = filter.AllIdsSeen || (listing.FirstSatisfied && !PagingParameters.IncludeTotalCount);
                var refused = page.NextLinkRefused != null && !enough;
                if (pageUri != null && !enough)
                {
                    var next = pageUri;
                    ahead = new PageAhead<ConsentFilePage>(ct => client.GetPageAsync(next, ct), ShowsTrace(), StopToken);
                }

                foreach (var file in admitted)
                {
                    WriteObject(PlainObjects.WithExtraProperties(file, file.AdditionalProperties));
                }

                if (refused)
                {
                    WriteError(ErrorRecords.From(page.NextLinkRefused!, page.RequestUri, this));
                    listing.Failed = true;
                    break;
                }

                if (enough)
                {
                    if (pageUri != null)
                    {
                        WriteVerbose(filter.AllIdsSeen ? "Every requested id was listed; no further pages requested." : $"-First {PagingParameters.First} reached; no further pages requested.");
                    }

                    listing.Complete = filter.AllIdsSeen || pageUri == null;
                    break;
                }

                listing.Complete = pageUri == null;
            }

            if (listing.Pages > 1)
            {
                WriteProgress(Progress.Completed());
            }

            WriteVerbose($"Listed {listing.Read:N0} consent files in {listing.Pages} page(s); {listing.Matched:N0} matched the filters, {listing.Written:N0} written.");
            if (listing.Complete && !listing.Failed)
            {
                ReportUnmatchedIds(filter);
            }

            if (PagingParameters.IncludeTotalCount)
            {
                WriteObject(PagingParameters.NewTotalCount((ulong)listing.Matched, listing.Complete ? 1.0 : 0.0));
            }
        }

        private void ReportUnmatchedIds(ConsentFileFilter filter)
        {
            foreach (var id in filter.UnmatchedIds)
            {
                WriteError(ErrorRecords.NotFound(
                    "PrivacyServices.LiveRamp.ConsentFileNotFound",
                    $"No consent file with id {id}{(HasFiltersBesidesId ? " matches the other filters" : " is listed")}.",
                    id));
            }
        }

        private bool HasFiltersBesidesId =>
            IdentifierType != null || RequestType != null || Bound(nameof(CreatedAfter)) || Bound(nameof(CreatedBefore));

        private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        /// <summary>A value LiveRamp does not document may be a typo or a new value: filter on it, but say so.</summary>
        private void WarnAboutUnknownValues(string parameter, string[]? values, IReadOnlyList<string> known)
        {
            foreach (var value in values ?? Array.Empty<string>())
            {
                if (!known.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    WriteWarning($"-{parameter} '{value}' is not a value LiveRamp documents ({string.Join(", ", known)}); filtering on it anyway.");
                }
            }
        }

        /// <summary>Counts of one listing and the -Skip/-First window.</summary>
        private sealed class Listing
        {
            private readonly ulong _first;
            private readonly ulong _skip;

            public Listing(ulong first, ulong skip)
            {
                _first = first;
                _skip = skip;
            }

            public int Pages { get; set; }
            public long Read { get; set; }
            public long Matched { get; private set; }
            public ulong Written { get; private set; }
            public bool Complete { get; set; }
            public bool Failed { get; set; }
            public bool FirstSatisfied => Written >= _first;

            /// <summary>Counts a matching file; true when it falls inside the -Skip/-First window.</summary>
            public bool Admit()
            {
                Matched++;
                if ((ulong)Matched <= _skip || FirstSatisfied)
                {
                    return false;
                }

                Written++;
                return true;
            }
        }
    }
}
