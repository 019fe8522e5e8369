using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace QuickStart;

/// <summary>The smallest PSHost that lets Out-Default print to the console, so the embedded quickstart looks like pwsh.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleHostUserInterface _ui = new();

    public override string Name => "PrivacyServices.QuickStart";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}

internal sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    public override PSHostRawUserInterface RawUI { get; } = new FixedWidthRawUserInterface();

    // Plain text, like pwsh with NO_COLOR, so the output reads the same in logs.
    public override bool SupportsVirtualTerminal => false;

    // Formatting emits ANSI styles even for PlainText; hosts are expected to drop them when they do not render VT.
    private static readonly System.Text.RegularExpressions.Regex Ansi = new("\u001b\\[[0-9;]*m", System.Text.RegularExpressions.RegexOptions.Compiled);

    public override void Write(string value) => Console.Write(Ansi.Replace(value, string.Empty));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
    public override void WriteLine(string value) => Console.WriteLine(Ansi.Replace(value, string.Empty));
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
    public override void WriteDebugLine(string message) => Console.WriteLine("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => Console.WriteLine("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => Console.WriteLine("WARNING: " + message);
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    // The quickstart never prompts: it runs unattended, as runbooks do.
    public override string ReadLine() => throw new NotSupportedException("The quickstart host does not read input.");
    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The quickstart host does not read input.");
    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException("The quickstart host does not prompt.");
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("The quickstart host does not prompt.");
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("The quickstart host does not prompt.");
    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("The quickstart host does not prompt.");
}

internal sealed class FixedWidthRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get; set; } = new(120, 9999);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(120, 50);
    public override Size MaxWindowSize => new(120, 50);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(120, 50);
    public override string WindowTitle { get; set; } = "QuickStart";

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
