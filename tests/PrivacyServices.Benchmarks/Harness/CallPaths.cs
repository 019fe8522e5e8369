using System.Diagnostics;
using System.Management.Automation;
using System.Net.Http.Headers;
using PrivacyServices.Apis;
using PrivacyServices.Emulator.Infrastructure;
using PrivacyServices.Http;

namespace PrivacyServices.Benchmarks.Harness;

/// <summary>One way of making the projectInfo call, timed call by call.</summary>
public interface ICallPath : IDisposable
{
    string Name { get; }

    /// <summary>Makes <paramref name="calls"/> sequential calls and returns each one's time in microseconds.</summary>
    double[] Measure(int calls);
}

/// <summary>The floor: a plain HttpClient GET of the same URL with the same bearer token, body read as a string.</summary>
public sealed class RawHttpPath : ICallPath
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private readonly HttpClient _http = new();
    private readonly Uri _url;
    private readonly AuthenticationHeaderValue _authorization;

    public RawHttpPath(Uri url, string token)
    {
        _url = url;
        _authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string Name => "raw HttpClient GET (same URL and bearer token), C# loop, back to back";

    public double[] Measure(int calls)
    {
        var times = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Get();
            times[i] = Samples.TicksToMicroseconds(Stopwatch.GetTimestamp() - started);
        }

        return times;
    }

    /// <summary>One GET; public so a script loop can make the same call (<c>$raw.Get()</c>).</summary>
    public string Get()
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, _url);
        message.Headers.Authorization = _authorization;
        message.Headers.Accept.Add(Json);
        using var response = _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The cmdlet's work without PowerShell: TeliaProjectsClient through an SessionHttpClient, as SessionFactory builds it.</summary>
public sealed class CorePath : ICallPath
{
    private readonly SessionHttpClient _http;
    private readonly TeliaProjectsClient _client;

    public CorePath(string root)
    {
        _http = CorePipelines.Telia(root);
        _client = new TeliaProjectsClient(_http);
    }

    public string Name => "core: TeliaProjectsClient via SessionHttpClient (no PowerShell)";

    public double[] Measure(int calls)
    {
        var times = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = GetProjectInfo();
            times[i] = Samples.TicksToMicroseconds(Stopwatch.GetTimestamp() - started);
        }

        return times;
    }

    /// <summary>One call; public so a script loop can make the same call (<c>$core.GetProjectInfo()</c>).</summary>
    public Models.ProjectInfo GetProjectInfo() =>
        _client.GetProjectInfoAsync(TestCredentials.TeliaProjectId, CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// A command run <paramref name="calls"/> times in one script loop in the hosted engine, each call timed inside the script
/// (a Stopwatch restarted before and read after each call): what a user's <c>foreach</c> over a command pays per call.
/// The command may use <c>$x</c>, the <see cref="ScriptLoopPath(HostedEngine, string, string, object?)"/> argument.
/// </summary>
public sealed class ScriptLoopPath : ICallPath
{
    private const string Loop = @"
        $n = $args[0]; $x = $args[1]
        $sw = [System.Diagnostics.Stopwatch]::new()
        $t = [long[]]::new($n)
        for ($i = 0; $i -lt $n; $i++) { BEFORE$sw.Restart(); $null = COMMAND; $t[$i] = $sw.ElapsedTicks }
        ,$t";

    private readonly HostedEngine _engine;
    private readonly string _script;
    private readonly object? _argument;

    /// <param name="untimedBefore">A command run before each timed call, outside the timing (none when null).</param>
    public ScriptLoopPath(HostedEngine engine, string command, string name, object? argument = null, string? untimedBefore = null)
    {
        _engine = engine;
        _script = Loop.Replace("COMMAND", command, StringComparison.Ordinal)
            .Replace("BEFORE", untimedBefore is null ? string.Empty : "$null = " + untimedBefore + "; ", StringComparison.Ordinal);
        _argument = argument;
        Name = name;
    }

    public string Name { get; }

    public double[] Measure(int calls)
    {
        var ticks = (long[])_engine.Run(_script, calls, _argument)[0].BaseObject;
        return ticks.Select(Samples.TicksToMicroseconds).ToArray();
    }

    public void Dispose()
    {
    }
}

/// <summary>The command run by one PowerShell.Invoke() per call from C#, timed around each Invoke (an embedding host's cost).</summary>
public sealed class InvokePerCallPath : ICallPath
{
    private readonly HostedEngine _engine;
    private readonly string _command;

    public InvokePerCallPath(HostedEngine engine, string command, string name)
    {
        _engine = engine;
        _command = command;
        Name = name;
    }

    public string Name { get; }

    public double[] Measure(int calls)
    {
        var times = new double[calls];
        using var powerShell = PowerShell.Create(_engine.Runspace);
        for (var i = 0; i < calls; i++)
        {
            powerShell.Commands.Clear();
            powerShell.AddCommand(_command);
            var started = Stopwatch.GetTimestamp();
            var output = powerShell.Invoke();
            times[i] = Samples.TicksToMicroseconds(Stopwatch.GetTimestamp() - started);
            if (output.Count != 1 || powerShell.HadErrors)
            {
                throw new InvalidOperationException($"{_command} did not return one object without errors.");
            }
        }

        return times;
    }

    public void Dispose()
    {
    }
}
