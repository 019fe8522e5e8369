using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>A loopback server that answers every request with the handler a test gives it: servers that misbehave as real ones do.</summary>
public sealed class HostileServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostileServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>For example http://127.0.0.1:51234 (no trailing slash).</summary>
    public Uri Root { get; }

    public string Url(string path) => Root.AbsoluteUri.TrimEnd('/') + path;

    public static async Task<HostileServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context => handler(context));
        await app.StartAsync();
        var address = app.Urls.First();
        return new HostileServer(app, new Uri(address.Replace("localhost", "127.0.0.1")));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
