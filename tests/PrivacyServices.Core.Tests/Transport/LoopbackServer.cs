using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PrivacyServices.Core.Tests.Transport;

/// <summary>A Kestrel server on loopback that answers with whatever the test does, and counts requests and peak requests in flight.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;
    private int _inFlight;
    private int _peak;

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri Root { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public int PeakInFlight => Volatile.Read(ref _peak);

    public Uri Url(string path) => new(Root, path.TrimStart('/'));

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(async context =>
        {
            var number = Interlocked.Increment(ref server._requests);
            var now = Interlocked.Increment(ref server._inFlight);
            int peak;
            while (now > (peak = Volatile.Read(ref server._peak)) && Interlocked.CompareExchange(ref server._peak, now, peak) != peak)
            {
            }

            try
            {
                await handler(context, number);
            }
            finally
            {
                Interlocked.Decrement(ref server._inFlight);
            }
        });
        await app.StartAsync();
        server.Root = new Uri(app.Urls.First().Replace("localhost", "127.0.0.1").TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
