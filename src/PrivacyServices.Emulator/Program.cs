using System.Text.Json;
using PrivacyServices.Emulator;
using PrivacyServices.Emulator.Infrastructure;

// dotnet run --project src/PrivacyServices.Emulator [-- --port 5080] [--ready-file emulator.json] [--log]
var port = 5080;
string? readyFile = null;
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
        case "--log":
            log = true;
            break;
        case "--help" or "-h":
            Console.WriteLine("privacyservices-emulator [--port N (0 = any free port; default 5080)] [--ready-file PATH] [--log]");
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
Console.WriteLine($"Adobe     {root}/adobe/ims/token/v3            {root}/adobe/data/core/privacy  {TestCredentials.AdobeClientId} / {TestCredentials.AdobeClientSecret} (org {TestCredentials.AdobeOrgId})");
Console.WriteLine();
Console.WriteLine($"Controls: GET {root}/_emulator/counters, POST {root}/_emulator/reset. Press Ctrl+C to stop.");

if (readyFile is not null)
{
    var ready = new Dictionary<string, object> { ["baseUri"] = root, ["pid"] = Environment.ProcessId };
    var temp = readyFile + ".tmp";
    await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(ready));
    File.Move(temp, readyFile, overwrite: true);
}

// The host's console lifetime turns Ctrl+C and SIGTERM into a shutdown (and swallows them), so wait for that.
await server.WaitForShutdownAsync();
return 0;
