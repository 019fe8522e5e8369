using System.Management.Automation;

namespace PrivacyServices.Benchmarks.EmptyModule
{
    /// <summary>The one cmdlet of the empty module: writes 42.</summary>
    [Cmdlet(VerbsCommon.Get, "EmptyValue")]
    [OutputType(typeof(int))]
    public sealed class GetEmptyValueCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject(42);
    }
}
