using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PrivacyServices.Emulator;
using PrivacyServices.Hosting;

// dotnet run --project samples/QuickStart
// Starts the emulator in-process on a free loopback port, then runs samples/QuickStart.ps1 in an embedded PowerShell.
// dotnet run prints "Building..." before it builds the module, the emulator and this program (launchSettings.json,
// dotnetRunMessages); each step after that says what it does.
var repoRoot = FindRepoRoot();
var script = Path.Combine(repoRoot, "samples", "QuickStart.ps1");
var module = Path.Combine(repoRoot, "out", "module", "PrivacyServices", "PrivacyServices.psd1");
if (!File.Exists(module))
{
    Console.Error.WriteLine($"The module was not built at {module}. Run 'dotnet build' first.");
    return 1;
}

Console.WriteLine($"Module: {Shown(Path.GetDirectoryName(module)!)}");
Console.WriteLine("Starting the emulator of Telia, Adobe, LiveRamp, MX and D&B in this process, on a free loopback port...");
await using var emulator = await EmulatorServer.StartAsync();
Console.WriteLine($"Emulator: {emulator.BaseUri}");

var state = InitialSessionState.CreateDefault2();
if (OperatingSystem.IsWindows())
{
    state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
}

Console.WriteLine($"Running {Shown(script)} in an embedded PowerShell engine, 120 columns wide...");
Console.WriteLine();
using var runspace = RunspaceFactory.CreateRunspace(new TextWriterHost(Console.Out, Console.Error, width: 120), state);
runspace.Open();
using var powerShell = PowerShell.Create(runspace);
powerShell.AddScript("$PSStyle.OutputRendering = 'PlainText'").Invoke();
powerShell.Commands.Clear();
powerShell.AddCommand(script)
    .AddParameter("EmulatorUri", emulator.BaseUri)
    .AddParameter("ModulePath", module)
    .AddCommand("Out-Default");
try
{
    powerShell.Invoke();
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine(ex.ErrorRecord.ToString());
    return 1;
}

foreach (var error in powerShell.Streams.Error)
{
    Console.Error.WriteLine(error.ToString());
}

return powerShell.HadErrors ? 1 : 0;

// A path as the user would type it from where they ran dotnet run (the repository root, usually).
static string Shown(string path)
{
    var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
    return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "PrivacyServices.psd1")) && Directory.Exists(Path.Combine(dir.FullName, "samples")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Cannot find the repository root (PrivacyServices.psd1) above " + AppContext.BaseDirectory);
}
