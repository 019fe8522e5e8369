using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>Base of every cmdlet: runs core work cancellably (Ctrl+C) and turns its failures into ErrorRecords.</summary>
    public abstract class PrivacyCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Runs <paramref name="work"/>; its trace and posted writes reach the pipeline on this thread.</summary>
        internal T Run<T>(Func<PipelinePump, CancellationToken, Task<T>> work) => new PipelinePump(ShowsTrace()).Run(this, work, StopToken);

        /// <summary>Runs work that posts no writes; it needs the pump only to carry its trace to -Verbose/-Debug.</summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> work) =>
            ShowsTrace() ? new PipelinePump().Run(this, (_, ct) => work(ct), StopToken) : PipelinePump.RunWithoutWrites(work, StopToken);

        /// <summary>Shows the core's trace of synchronous work done on the pipeline thread (building a session) as -Verbose/-Debug.</summary>
        internal IDisposable? TraceOnPipelineThread() => ShowsTrace() ? PrivacyTrace.Use(new PipelineThreadTrace(this)) : null;

        private sealed class PipelineThreadTrace : ITraceSink
        {
            private readonly Cmdlet _cmdlet;

            public PipelineThreadTrace(Cmdlet cmdlet) => _cmdlet = cmdlet;

            public void Verbose(string message) => _cmdlet.WriteVerbose(message);

            public void Debug(string message) => _cmdlet.WriteDebug(message);
        }

        /// <summary>Runs the work and reports a failure as a non-terminating error on <paramref name="target"/>; returns false then.</summary>
        internal bool TryRun<T>(Func<CancellationToken, Task<T>> work, object? target, out T result)
        {
            try
            {
                result = Run(work);
                return true;
            }
            catch (PrivacyServiceException ex)
            {
                WriteError(ErrorRecords.From(ex, target, this));
                result = default!;
                return false;
            }
        }

        /// <summary>
        /// Whether WriteVerbose or WriteDebug would show anything, decided as PowerShell does: -Verbose or -Debug when given
        /// (-Debug implies verbose output), else $VerbosePreference and $DebugPreference in the caller's scope.
        /// </summary>
        internal bool ShowsTrace() => Shows("Verbose", "VerbosePreference") || Shows("Debug", "DebugPreference");

        private bool Shows(string parameter, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out var flag))
            {
                return flag is SwitchParameter set ? set.IsPresent : LanguagePrimitives.IsTrue(flag);
            }

            var preference = GetVariableValue(preferenceVariable);
            if (preference is PSObject wrapped)
            {
                preference = wrapped.BaseObject;
            }

            if (preference == null)
            {
                return false;
            }

            if (!(preference is ActionPreference value) && !Enum.TryParse(preference.ToString(), true, out value))
            {
                return true;
            }

            return value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
        }

        public void Dispose() => _stopping.Dispose();
    }
}
