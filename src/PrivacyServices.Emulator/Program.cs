using System.Text.Json;
using PrivacyServices.Emulator;
using PrivacyServices.Emulator.Infrastructure;

// dotnet run --project src/PrivacyServices.Emulator [-- --port 5080] [--ready-file emulator.json] [--parent-pid PID] [--log]
var port = 5080;
string? readyFile = null;
int? parentPid = null;
var log = false;
var field = FieldSettings.None;
double? jobStepSeconds = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length:
            port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--ready-file" when i + 1 < args.Length:
            readyFile = args[++i];
            break;
        case "--parent-pid" when i + 1 < args.Length:
            parentPid = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--log":
            log = true;
            break;
        case "--latency" when i + 1 < args.Length:
            var (min, max) = FieldSettings.ParseLatency(args[++i]);
            field = field with { MinLatency = min, MaxLatency = max };
            break;
        case "--rate-limit" when i + 1 < args.Length:
            var rate = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            field = field with { RequestsPerSecond = rate > 0 ? rate : null };
            break;
        case "--job-step-seconds" when i + 1 < args.Length:
            jobStepSeconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--module-path":
            Console.WriteLine(Path.Combine(AppContext.BaseDirectory, "PowerShell", "PrivacyServicesEmulator.psd1"));
            return 0;
        case "--help" or "-h":
            Console.WriteLine("privacyservices-emulator [--port N (0 = any free port; default 5080)] [--ready-file PATH] [--parent-pid PID (exit when it exits)] [--log]");
            Console.WriteLine("                         [--latency MS | MIN-MAX] [--rate-limit REQUESTS_PER_SECOND_PER_CLIENT] [--job-step-seconds S (privacy jobs move on by time)]");
            Console.WriteLine("privacyservices-emulator --module-path   prints the path of the PowerShell control module (Import-Module it in your Pester tests)");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
            return 2;
    }
}

await using var server = await EmulatorServer.StartAsync(port, log: log);
server.State.Field.SetStartup(field);
server.State.JobStepSeconds = jobStepSeconds;
var root = server.BaseUri.AbsoluteUri.TrimEnd('/');
Console.WriteLine($"PrivacyServices emulator listening on {root}");
Console.WriteLine();
Console.WriteLine("Provider  Token URI and API base URI, then client id / secret and further Connect-PrivacyService parameters");
foreach (var provider in EmulatorProviders.All)
{
    var settings = string.Join(" ", provider.Settings.Select(setting => $"-{setting.Key} {setting.Value}"));
    Console.WriteLine($"{provider.Provider,-9} {root}/{provider.TokenPath}  {root}/{provider.ApiPath}");
    Console.WriteLine($"          {provider.ClientId} / {provider.Secret}  {settings}");
    if (provider.Note is not null)
    {
        Console.WriteLine("          " + provider.Note.Replace("{root}", root).Replace("{files}", server.FileHostUri.AbsoluteUri.TrimEnd('/')));
    }
}
Console.WriteLine();
Console.WriteLine($"Controls: GET {root}/_emulator/counters, GET {root}/_emulator/providers, POST {root}/_emulator/reset; from PowerShell: Import-Module (privacyservices-emulator --module-path). Press Ctrl+C to stop.");

if (readyFile is not null)
{
    var ready = new Dictionary<string, object> { ["baseUri"] = root, ["fileHostUri"] = server.FileHostUri.AbsoluteUri.TrimEnd('/'), ["pid"] = Environment.ProcessId };
    var temp = readyFile + ".tmp";
    await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(ready));
    File.Move(temp, readyFile, overwrite: true);
}

// The host's console lifetime turns SIGTERM and Ctrl+C into ApplicationStopping (and cancels the signal), so wait on that.
var stop = new TaskCompletionSource();
server.Stopping.Register(() => stop.TrySetResult());
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
if (parentPid is int parent)
{
    // A test run that is killed (timeout, Ctrl+C) never reaches its clean-up: the emulator must not outlive it.
    _ = ExitWithParentAsync(parent, stop);
}

await stop.Task;
return 0;

static async Task ExitWithParentAsync(int parentPid, TaskCompletionSource stop)
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
    while (await timer.WaitForNextTickAsync())
    {
        try
        {
            using var parent = System.Diagnostics.Process.GetProcessById(parentPid);
            if (!parent.HasExited)
            {
                continue;
            }
        }
        catch (ArgumentException)
        {
            // No such process any more.
        }

        stop.TrySetResult();
        return;
    }
}
