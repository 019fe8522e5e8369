using System;
using System.Management.Automation;
using PrivacyServices.Http;
using PrivacyServices.PowerShell.Infrastructure;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// The skeleton of every cmdlet that calls a provider: -Session (a session or its name) or the vendor-aware default
    /// (<see cref="SessionChooser"/>), resolved in one place (<see cref="ApiSession"/>), clients built from it with
    /// <see cref="CreateClient{T}"/>, failures turned into error records by <see cref="ErrorRecords"/>. A piped object's
    /// SessionName binds -Session, and objects written here carry SessionName, so the next cmdlet follows the same session.
    /// </summary>
    public abstract class ApiCmdlet : PrivacyCmdlet
    {
        private PrivacyServiceSession? _resolved;
        private PrivacyServiceSession? _resolvedFrom;

        /// <summary>
        /// A session or its name; a piped object's SessionName binds here. Not bound by value: a piped string is a job or
        /// project id, not a session name.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SessionName")]
        [ValidateNotNull]
        [SessionTransformation]
        [ArgumentCompleter(typeof(SessionNameCompleter))]
        public PrivacyServiceSession? Session { get; set; }

        /// <summary>The vendor whose API the cmdlet calls; null for cmdlets that serve any session.</summary>
        protected virtual PrivacyProvider? Vendor => null;

        /// <summary>
        /// The session this input uses: -Session when given (checked against <see cref="Vendor"/>), else the vendor-aware
        /// default. Resolved again only when -Session changes (a new piped object); stops the command with a clear error when
        /// there is none or it was disconnected.
        /// </summary>
        internal PrivacyServiceSession ApiSession
        {
            get
            {
                if (_resolved == null || !ReferenceEquals(_resolvedFrom, Session))
                {
                    _resolved = Resolve();
                    _resolvedFrom = Session;
                }

                return _resolved;
            }
        }

        /// <summary>Builds an API client for <see cref="ApiSession"/>; a session that cannot serve it stops the command with the reason.</summary>
        internal T CreateClient<T>(Func<PrivacyServiceSession, T> create)
        {
            var session = ApiSession;
            try
            {
                return create(session);
            }
            catch (PrivacyServiceException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, session, this));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>The object marked with the resolved session's name, for writes posted through a PipelinePump.</summary>
        internal object? MarkWithSession(object? sendToPipeline) => SessionStamp.Mark(sendToPipeline, _resolved);

        /// <summary>Writes an object marked with the session it came from (SessionName), so piping it on keeps that session.</summary>
        internal new void WriteObject(object? sendToPipeline)
        {
            base.WriteObject(MarkWithSession(sendToPipeline));
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

        private PrivacyServiceSession Resolve()
        {
            var session = Session;
            if (session == null)
            {
                var registry = SessionRegistry.Current;
                session = SessionChooser.Choose(registry, Vendor, out var why);
                if (session == null)
                {
                    ThrowTerminatingError(registry.Default == null ? ErrorRecords.NoSession(why) : ErrorRecords.NoSessionForVendor(why));
                }
            }
            else if (Vendor != null && session.ProviderKind != Vendor)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    "PrivacyServices.Session.WrongProvider",
                    nameof(Session),
                    $"{MyInvocation.MyCommand.Name} calls the {Vendor} API, but session '{session.Name}' is for {session.Provider}. Connect with -Provider {Vendor} or pass such a session with -Session.",
                    session));
            }

            try
            {
                session!.ThrowIfDisconnected();
            }
            catch (PrivacyServiceException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, session, this));
            }

            return session!;
        }
    }
}
