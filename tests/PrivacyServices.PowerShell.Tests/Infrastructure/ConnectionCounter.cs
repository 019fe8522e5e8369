using System.Diagnostics.Metrics;

namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>
/// Counts the TCP connections the in-process emulator accepts on one port, from Kestrel's own metrics
/// (<c>kestrel.active_connections</c> goes up by one per accepted connection). Other test classes' emulators listen on other ports.
/// </summary>
public sealed class ConnectionCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly int _port;
    private long _opened;

    public ConnectionCounter(int port)
    {
        _port = port;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Server.Kestrel" && instrument.Name == "kestrel.active_connections")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Connections accepted on the port since this counter started.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (value <= 0)
        {
            return;
        }

        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && Convert.ToInt32(tag.Value) == _port)
            {
                Interlocked.Add(ref _opened, value);
                return;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
