using System.Linq;
using System.Management.Automation;
using PrivacyServices.PowerShell.Infrastructure;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// A cmdlet that calls a provider through a session. Which session: -Session (a session or its name), else the one
    /// named by a piped object's SessionName, else the default when it is of the cmdlet's vendor, else the only session of
    /// that vendor; otherwise an error that lists the candidates. Objects it writes carry SessionName, so the next cmdlet
    /// in the pipeline follows the same session.
    /// </summary>
    public abstract class ApiCmdlet : PrivacyCmdlet
    {
        private PrivacyServiceSession? _resolved;

        /// <summary>
        /// A session or its name; a piped object's SessionName binds here (sessions written by Get-PrivacyServiceSession and
        /// Connect-PrivacyService carry one too). Not bound by value: a piped string is a job or project id, not a session name.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SessionName")]
        [ValidateNotNull]
        [SessionArgument]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        public PrivacyServiceSession? Session { get; set; }

        /// <summary>The session to use (-Session, else the default); stops with a "run Connect-PrivacyService" error when there is none.</summary>
        internal PrivacyServiceSession ResolveSession()
        {
            var session = Session ?? SessionRegistry.Current.Default;
            if (session == null)
            {
                ThrowTerminatingError(ErrorRecords.NoSession());
            }

            return Usable(session!);
        }

        /// <summary>The session for a cmdlet that serves one vendor, chosen by the rule in the class summary.</summary>
        internal PrivacyServiceSession ResolveSession(PrivacyProvider required)
        {
            var session = Session;
            if (session != null)
            {
                if (session.Provider != required)
                {
                    ThrowTerminatingError(ErrorRecords.InvalidArgument(
                        "PrivacyServices.Session.WrongProvider",
                        nameof(Session),
                        $"{MyInvocation.MyCommand.Name} calls the {required} API, but session '{session.Name}' is for {session.Provider}. {Candidates(required)}",
                        session));
                }

                return Usable(session);
            }

            var registry = SessionRegistry.Current;
            var fallback = registry.Default;
            if (fallback == null || fallback.Provider != required)
            {
                var ofVendor = registry.OfProvider(required);
                fallback = ofVendor.Count == 1 ? ofVendor[0] : null;
                if (fallback == null && registry.Default == null)
                {
                    ThrowTerminatingError(ErrorRecords.NoSession());
                }

                if (fallback == null && ofVendor.Count == 0)
                {
                    ThrowTerminatingError(ErrorRecords.InvalidArgument(
                        "PrivacyServices.Session.WrongProvider",
                        nameof(Session),
                        $"{MyInvocation.MyCommand.Name} calls the {required} API, but the default session '{registry.Default!.Name}' is for {registry.Default.Provider}. {Candidates(required)}",
                        registry.Default));
                }

                if (fallback == null)
                {
                    ThrowTerminatingError(ErrorRecords.AmbiguousSession(
                        "PrivacyServices.Session.Ambiguous",
                        $"{MyInvocation.MyCommand.Name} calls the {required} API. {Candidates(required)}",
                        ErrorCategory.InvalidArgument));
                }
            }

            return Usable(fallback!);
        }

        /// <summary>Builds an API client for the session; a session that cannot serve it (no OrgId, …) stops the command with the reason.</summary>
        internal T CreateClient<T>(PrivacyServiceSession session, System.Func<PrivacyServiceSession, T> create)
        {
            try
            {
                return create(session);
            }
            catch (PrivacyServices.Http.PrivacyServiceException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, session));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>The object marked with the resolved session's name, for writes posted through a PipelinePump.</summary>
        internal object? MarkWithSession(object? sendToPipeline) => SessionStamp.Mark(sendToPipeline, _resolved);

        /// <summary>Writes an object marked with the session it came from (SessionName), so piping it on keeps that session.</summary>
        internal new void WriteObject(object? sendToPipeline)
        {
            base.WriteObject(SessionStamp.Mark(sendToPipeline, _resolved));
        }

        internal new void WriteObject(object? sendToPipeline, bool enumerateCollection)
        {
            var items = enumerateCollection ? LanguagePrimitives.GetEnumerable(sendToPipeline) : null;
            if (items == null)
            {
                WriteObject(sendToPipeline);
                return;
            }

            foreach (var item in items)
            {
                WriteObject(item);
            }
        }

        private PrivacyServiceSession Usable(PrivacyServiceSession session)
        {
            try
            {
                session.ThrowIfDisconnected();
            }
            catch (PrivacyServices.Http.PrivacyServiceException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, session));
            }

            _resolved = session;
            return session;
        }

        private static string Candidates(PrivacyProvider required)
        {
            var ofVendor = SessionRegistry.Current.OfProvider(required);
            if (ofVendor.Count == 0)
            {
                return $"There is no {required} session in this runspace: run Connect-PrivacyService -Provider {required} first.";
            }

            var names = string.Join(", ", ofVendor.Select(s => s.Name));
            return $"Sessions of {required}: {names}. Pass one with -Session <name>, or make it the default with Select-PrivacyServiceSession -Name <name>.";
        }
    }
}
