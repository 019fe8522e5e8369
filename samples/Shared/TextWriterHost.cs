using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace PrivacyServices.Hosting;

/// <summary>
/// The smallest PSHost that lets Out-Default render the module's format views into a TextWriter, a fixed number of columns
/// wide, as pwsh would at the prompt. It never prompts (it runs unattended, as runbooks do) and writes plain text.
/// Used by the embedded quickstart (the console) and by the hosted-engine tests (a StringWriter).
/// </summary>
internal sealed class TextWriterHost : PSHost
{
    private readonly TextWriterHostUserInterface _ui;

    public TextWriterHost(TextWriter output, TextWriter error, int width) => _ui = new TextWriterHostUserInterface(output, error, width);

    public override string Name => "PrivacyServices.TextWriterHost";
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

    private sealed class TextWriterHostUserInterface : PSHostUserInterface
    {
        // Formatting emits ANSI styles even for PlainText; hosts are expected to drop them when they do not render VT.
        private static readonly Regex Ansi = new("\u001b\\[[0-9;]*m", RegexOptions.Compiled);
        private readonly TextWriter _output;
        private readonly TextWriter _error;

        public TextWriterHostUserInterface(TextWriter output, TextWriter error, int width)
        {
            _output = output;
            _error = error;
            RawUI = new FixedWidthRawUserInterface(width);
        }

        public override PSHostRawUserInterface RawUI { get; }
        public override bool SupportsVirtualTerminal => false;

        private void Out(string text)
        {
            lock (_output)
            {
                _output.Write(Ansi.Replace(text, string.Empty));
            }
        }

        public override void Write(string value) => Out(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Out(value);
        public override void WriteLine(string value) => Out(value + "\n");
        public override void WriteErrorLine(string value) => _error.WriteLine(Ansi.Replace(value, string.Empty));
        public override void WriteDebugLine(string message) => Out("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Out("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Out("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        public override string ReadLine() => throw new NotSupportedException("This host does not read input.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("This host does not read input.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException("This host does not prompt.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("This host does not prompt.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("This host does not prompt.");
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("This host does not prompt.");
    }

    private sealed class FixedWidthRawUserInterface : PSHostRawUserInterface
    {
        public FixedWidthRawUserInterface(int width)
        {
            BufferSize = new Size(width, 9999);
            WindowSize = new Size(width, 50);
            MaxWindowSize = MaxPhysicalWindowSize = new Size(width, 50);
        }

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get; set; }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize { get; }
        public override Size MaxWindowSize { get; }
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; }
        public override string WindowTitle { get; set; } = string.Empty;

        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
