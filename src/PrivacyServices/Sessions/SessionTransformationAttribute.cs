using System;
using System.Linq;
using System.Management.Automation;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Sessions
{
    /// <summary>Lets -Session take a session's name as well as the session (`-Session adobe`).</summary>
    internal sealed class SessionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (!(value is string name))
            {
                return inputData;
            }

            var registry = SessionRegistry.Current;
            return registry.Find(name) ?? throw new ArgumentTransformationMetadataException(
                $"There is no session named '{name}' in this runspace" +
                (registry.All.Count == 0 ? "; run Connect-PrivacyService first." : $"; connected: {string.Join(", ", registry.All.Select(s => s.Name))}."));
        }
    }
}
