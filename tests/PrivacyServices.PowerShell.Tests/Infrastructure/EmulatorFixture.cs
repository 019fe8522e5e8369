using PrivacyServices.Emulator;

namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>One in-process emulator on 127.0.0.1:0 per test class (xunit IClassFixture); counters are reset per test by the tests that count.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;

    public string Root => Server.BaseUri.AbsoluteUri.TrimEnd('/');

    public async Task InitializeAsync() => Server = await EmulatorServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
