using System.Text.Json;
using PrivacyServices.Emulator;
using PrivacyServices.Emulator.Infrastructure;

// dotnet run --project src/PrivacyServices.Emulator [-- --port 5080] [--ready-file emulator.json] [--parent-pid PID] [--log]
var port = 5080;
string? readyFile = null;
int? parentPid = null;
var log = false;
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
        case "--help" or "-h":
            Console.WriteLine("privacyservices-emulator [--port N (0 = any free port; default 5080)] [--ready-file PATH] [--parent-pid PID (exit when it exits)] [--log]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
            return 2;
    }
}

await using var server = await EmulatorServer.StartAsync(port, log: log);
var root = server.BaseUri.AbsoluteUri.TrimEnd('/');
Console.WriteLine($"PrivacyServices emulator listening on {root}");
Console.WriteLine();
Console.WriteLine("Provider  Token URI                                  API base URI                  Client id / secret");
Console.WriteLine($"Generic   {root}/generic/token                 {root}/generic/api        {TestCredentials.GenericClientId} / {TestCredentials.GenericClientSecret}");
Console.WriteLine($"DnB       {root}/dnb/as/token.oauth2           {root}/dnb/api            {TestCredentials.DnbClientId} / {TestCredentials.DnbClientSecret}");
Console.WriteLine($"Telia     {root}/telia/oauth/token             {root}/telia/api          {TestCredentials.TeliaClientId} / {TestCredentials.TeliaClientSecret} (project {TestCredentials.TeliaProjectId})");
Console.WriteLine($"MX        {root}/mx/api/v4/token               {root}/mx                 {TestCredentials.MxClientId} / {TestCredentials.MxClientSecret} (-CustomerId {TestCredentials.MxCustomerId}, consent {TestCredentials.MxConsentId})");
Console.WriteLine($"LiveRamp  {root}/liveramp/oauth2/default/v2/token    {root}/liveramp/privacy/v2  {TestCredentials.LiveRampAccountId} / {TestCredentials.LiveRampSecretKey}");
Console.WriteLine($"          credentials file: GET {root}/_emulator/liveramp/credentials.json; signed fileURLs on {server.FileHostUri.AbsoluteUri.TrimEnd('/')}");
Console.WriteLine($"EntraId   {root}/entra/{TestCredentials.EntraIdTenantId}/oauth2/v2.0/token  {TestCredentials.EntraIdClientId} / {TestCredentials.EntraIdClientSecret} (scope: any .../.default)");
Console.WriteLine($"Managed identity: IDENTITY_ENDPOINT={root}/msi/token IDENTITY_HEADER={TestCredentials.ManagedIdentityHeader} (user-assigned client id {TestCredentials.UserAssignedIdentityClientId})");
Console.WriteLine($"Adobe     {root}/adobe/ims/token/v3            {root}/adobe/data/core/privacy  {TestCredentials.AdobeClientId} / {TestCredentials.AdobeClientSecret} (org {TestCredentials.AdobeOrgId})");
Console.WriteLine();
Console.WriteLine($"Controls: GET {root}/_emulator/counters, POST {root}/_emulator/reset. Press Ctrl+C to stop.");

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
