using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivacyServices.Emulator.Endpoints;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator;

/// <summary>
/// The five vendors on one loopback port, each under its own path prefix (<c>/telia</c>, <c>/dnb</c>, <c>/generic</c>, …).
/// Tests start it in-process with <see cref="StartAsync"/>; users run the executable.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, EmulatorState state, Uri baseUri)
    {
        _app = app;
        State = state;
        BaseUri = baseUri;
    }

    /// <summary>The root, for example <c>http://127.0.0.1:51234/</c>.</summary>
    public Uri BaseUri { get; }

    public EmulatorState State { get; }

    public Uri Url(string relative) => new(BaseUri, relative.TrimStart('/'));

    /// <summary>Starts on 127.0.0.1 and the given port (0: a free one).</summary>
    public static async Task<EmulatorServer> StartAsync(int port = 0, EmulatorState? state = null, bool log = false)
    {
        state ??= new EmulatorState();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        if (log)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Services.AddSingleton(state);
        var app = builder.Build();
        MapAll(app, state);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(address.Replace("[::]", "127.0.0.1").TrimEnd('/') + "/");
        return new EmulatorServer(app, state, baseUri);
    }

    private static void MapAll(WebApplication app, EmulatorState state)
    {
        GenericOAuthEndpoints.Map(app, state);
        DnbEndpoints.Map(app, state);
        TeliaEndpoints.Map(app, state);
        AdobeEndpoints.Map(app, state);
        ControlEndpoints.Map(app, state);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
