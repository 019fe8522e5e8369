using System.Management.Automation;
using PrivacyServices.PowerShell.Infrastructure;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>A cmdlet that calls a provider through a session: -Session, else the runspace's default.</summary>
    public abstract class ApiCmdlet : PrivacyCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public PrivacyServiceSession? Session { get; set; }

        /// <summary>The session to use; stops the command with a "run Connect-PrivacyService" error when there is none.</summary>
        internal PrivacyServiceSession ResolveSession()
        {
            var session = Session ?? SessionRegistry.Current.Default;
            if (session == null)
            {
                ThrowTerminatingError(ErrorRecords.NoSession());
            }

            try
            {
                session!.ThrowIfDisconnected();
            }
            catch (PrivacyServices.Http.PrivacyServiceException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, session));
            }

            return session!;
        }

        /// <summary>Stops with a clear error when the session belongs to another provider than the cmdlet's API.</summary>
        internal PrivacyServiceSession ResolveSession(PrivacyProvider required)
        {
            var session = ResolveSession();
            if (session.Provider != required)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    "PrivacyServices.Session.WrongProvider",
                    nameof(Session),
                    $"{MyInvocation.MyCommand.Name} calls the {required} API, but session '{session.Name}' is for {session.Provider}. Connect with -Provider {required} or pass such a session with -Session.",
                    session));
            }

            return session;
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
    }
}
