using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivacyServices.Emulator.Endpoints;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator;

/// <summary>
/// Every emulated vendor (Vendors/EmulatorProviders) on one loopback port, each under its own path prefix,
/// and a signed-URL file host on a second one (<see cref="FileHostUri"/>).
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

    /// <summary>Cancelled when the host is asked to stop (SIGTERM, Ctrl+C): the executable waits on it to exit.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    public Uri Url(string relative) => new(BaseUri, relative.TrimStart('/'));

    /// <summary>
    /// Starts on 127.0.0.1 and the given port (0: a free one), and the signed-URL file host on a second loopback port
    /// (<paramref name="fileHostPort"/>, 0: a free one), so downloads reach another authority than the API, as in production.
    /// </summary>
    public static async Task<EmulatorServer> StartAsync(int port = 0, EmulatorState? state = null, bool log = false, int fileHostPort = 0)
    {
        state ??= new EmulatorState();
        var builder = WebApplication.CreateSlimBuilder();
        ListenOptions? apiListener = null;
        ListenOptions? fileListener = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => apiListener = listen);
            kestrel.Listen(IPAddress.Loopback, fileHostPort, listen => fileListener = listen);
        });
        builder.Logging.ClearProviders();
        if (log)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Services.AddSingleton(state);
        var app = builder.Build();
        app.Use(TokenEndpoint.AddProtocolHeadersAsync);
        app.Use((context, next) => state.Field.ApplyAsync(context, next));
        app.Use(async (context, next) =>
        {
            if (!await state.Faults.TryApplyAsync(context))
            {
                await next(context);
            }
        });
        MapAll(app, state);
        await app.StartAsync();

        // Kestrel writes the bound port back into each ListenOptions (port 0 becomes the one the OS chose).
        var baseUri = new Uri($"http://127.0.0.1:{apiListener!.IPEndPoint!.Port}/");
        state.Files.BaseUri = new Uri($"http://127.0.0.1:{fileListener!.IPEndPoint!.Port}/");
        return new EmulatorServer(app, state, baseUri);
    }

    /// <summary>The signed-URL file host, for example <c>http://127.0.0.1:51235/</c>; it serves only <c>/files/…</c>.</summary>
    public Uri FileHostUri => State.Files.BaseUri;

    private static void MapAll(WebApplication app, EmulatorState state)
    {
        // The file host's port serves /files/… only, and the API port never serves them.
        app.Use(async (context, next) =>
        {
            var onFileHost = context.Connection.LocalPort == state.Files.Port;
            if (onFileHost != context.Request.Path.StartsWithSegments("/files"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });

        foreach (var provider in EmulatorProviders.All)
        {
            provider.Map(app, state);
        }

        FileHostEndpoints.Map(app, state);
        ControlEndpoints.Map(app, state);
    }


    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
