using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>
/// A PowerShell engine in this process with the built module imported from out/module/PrivacyServices, as users meet it.
/// Only the engine's core cmdlets exist here (no Select-Object, ConvertTo-Json, Pester): those tests belong in tests/Pester.
/// </summary>
public sealed class HostedModule : IDisposable
{
    private readonly Runspace _runspace;
    private readonly StringWriter _screen = new();
    private readonly PrivacyServices.Hosting.TextWriterHost _host;

    public HostedModule()
    {
        var state = InitialSessionState.CreateDefault2();
        _host = new PrivacyServices.Hosting.TextWriterHost(_screen, _screen, width: 200);
        _runspace = RunspaceFactory.CreateRunspace(_host, state);
        _runspace.Open();
        Run("Import-Module $args[0] -ErrorAction Stop", RepoPaths.ModuleManifest);
    }

    public Runspace Runspace => _runspace;

    /// <summary>Runs a script with positional arguments ($args[0], …); throws if it writes errors (use <see cref="Invoke"/> to inspect them).</summary>
    public IReadOnlyList<PSObject> Run(string script, params object?[] args)
    {
        var result = Invoke(script, args);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("The script wrote errors:\n" + string.Join("\n", result.Errors.Select(e => e.ToString())));
        }

        return result.Output;
    }

    /// <summary>Runs a script and returns its output and every stream, errors included.</summary>
    public ScriptResult Invoke(string script, params object?[] args)
    {
        using var powerShell = System.Management.Automation.PowerShell.Create(_runspace);
        powerShell.AddScript(script);
        foreach (var arg in args)
        {
            powerShell.AddArgument(arg);
        }

        Collection<PSObject> output;
        var terminating = new List<ErrorRecord>();
        try
        {
            output = powerShell.Invoke();
        }
        catch (RuntimeException ex)
        {
            output = new Collection<PSObject>();
            terminating.Add(ex.ErrorRecord);
        }

        return new ScriptResult(
            output.ToList(),
            powerShell.Streams.Error.Concat(terminating).ToList(),
            powerShell.Streams.Verbose.Select(v => v.Message).ToList(),
            powerShell.Streams.Debug.Select(d => d.Message).ToList(),
            powerShell.Streams.Warning.Select(w => w.Message).ToList(),
            powerShell.Streams.Information.Select(i => i.ToString() ?? string.Empty).ToList(),
            powerShell.Streams.Progress.ToList());
    }

    /// <summary>The text a user sees at the prompt: the script's output through Out-Default and the module's format views, 200 columns wide.</summary>
    public string Format(string script, params object?[] args)
    {
        TakeScreen();
        Run("& { " + script + " } @args | Out-Default", args);
        return TakeScreen();
    }

    /// <summary>What the host showed since the last look (warnings a stopped pipeline can only give the host, for example).</summary>
    public string Screen() => TakeScreen();

    private string TakeScreen()
    {
        lock (_screen)
        {
            var text = _screen.ToString();
            _screen.GetStringBuilder().Clear();
            return text;
        }
    }

    public void Dispose() => _runspace.Dispose();
}

public sealed record ScriptResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<string> Debug,
    IReadOnlyList<string> Warning,
    IReadOnlyList<string> Information,
    IReadOnlyList<ProgressRecord> Progress)
{
    /// <summary>Every stream as text, for canary scans.</summary>
    public string AllText()
    {
        var text = new StringBuilder();
        foreach (var o in Output) text.AppendLine(o?.ToString());
        foreach (var e in Errors)
        {
            text.AppendLine(e.ToString());
            text.AppendLine(e.Exception?.ToString());
            text.AppendLine(e.ErrorDetails?.Message);
            text.AppendLine(e.ErrorDetails?.RecommendedAction);
            text.AppendLine(e.CategoryInfo.ToString());
            text.AppendLine(e.TargetObject?.ToString());
        }

        foreach (var s in Verbose.Concat(Debug).Concat(Warning).Concat(Information)) text.AppendLine(s);
        foreach (var p in Progress) text.AppendLine(p.ToString());
        return text.ToString();
    }
}
