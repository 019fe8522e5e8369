namespace PrivacyServices.Benchmarks.Harness;

/// <summary>
/// The exact live heap while a command runs: a background thread forces a full, blocking collection every
/// <c>interval</c> and keeps the largest <see cref="GC.GetTotalMemory(bool)"/> it sees, as growth over a baseline taken
/// the same way. The forced collections slow the command down, so a run measured this way is for memory, never for time.
/// (<see cref="HeapSampler"/>'s "after a GC" figure is cheaper, but it includes fragmentation and the youngest
/// generation's budget and overstates live data two to four times.)
/// </summary>
public sealed class LiveHeapSampler : IDisposable
{
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private readonly long _baseline;
    private volatile bool _stop;
    private long _peak;

    private LiveHeapSampler(TimeSpan interval)
    {
        _interval = interval;
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peak = _baseline;
        _thread = new Thread(Sample) { IsBackground = true, Name = "live heap sampler" };
        _thread.Start();
    }

    public static LiveHeapSampler Start(TimeSpan? interval = null) => new(interval ?? TimeSpan.FromMilliseconds(150));

    public int Samples { get; private set; }

    /// <summary>Peak growth of the live heap over the baseline, in bytes.</summary>
    public long PeakGrowth => Interlocked.Read(ref _peak) - _baseline;

    private void Sample()
    {
        while (!_stop)
        {
            var live = GC.GetTotalMemory(forceFullCollection: true);
            if (live > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, live);
            }

            Samples++;
            Thread.Sleep(_interval);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
