using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace PrivacyServices.Benchmarks.Harness;

/// <summary>One runspace in this process with the built module imported, as a script would run it.</summary>
public sealed class HostedEngine : IDisposable
{
    public HostedEngine(string moduleManifest)
    {
        Runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        Runspace.Open();
        Run("Import-Module $args[0] -ErrorAction Stop", moduleManifest);
    }

    public Runspace Runspace { get; }

    /// <summary>Runs a script with positional arguments ($args[0], …); throws when it writes an error.</summary>
    public Collection<PSObject> Run(string script, params object?[] args)
    {
        using var powerShell = System.Management.Automation.PowerShell.Create(Runspace);
        powerShell.AddScript(script);
        foreach (var arg in args)
        {
            powerShell.AddArgument(arg);
        }

        var output = powerShell.Invoke();
        if (powerShell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("The script wrote errors:\n" + string.Join("\n", powerShell.Streams.Error.Select(e => e.ToString())));
        }

        return output;
    }

    public void Dispose() => Runspace.Dispose();
}
