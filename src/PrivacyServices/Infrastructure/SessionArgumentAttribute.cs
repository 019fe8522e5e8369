using System.Management.Automation;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Lets -Session take a session or the name of one of this runspace's sessions (as typed, or a piped object's SessionName).</summary>
    internal sealed class SessionArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string name)
            {
                var session = SessionRegistry.Current.Find(name);
                if (session == null)
                {
                    var known = string.Join(", ", SessionRegistry.Current.AllNames());
                    throw new ArgumentTransformationMetadataException(
                        known.Length == 0
                            ? $"There is no session named '{name}' in this runspace; run Connect-PrivacyService -Name {name} first."
                            : $"There is no session named '{name}' in this runspace. Sessions: {known}.");
                }

                return session;
            }

            return value;
        }
    }
}
