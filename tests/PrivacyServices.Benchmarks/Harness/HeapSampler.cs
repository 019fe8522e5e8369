using System.Diagnostics;

namespace PrivacyServices.Benchmarks.Harness;

/// <summary>
/// Samples the managed heap from a background thread while a scenario runs: the peak of <see cref="GC.GetTotalMemory"/>
/// (live data plus garbage not yet collected, so an upper bound) and the peak heap size right after a collection
/// (<see cref="GCMemoryInfo.HeapSizeBytes"/>, close to the live data), both as growth over the baseline taken at start.
/// </summary>
public sealed class HeapSampler : IDisposable
{
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private volatile bool _stop;
    private long _peakTotal;
    private long _peakAfterGc;

    private HeapSampler(TimeSpan interval)
    {
        _interval = interval;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        BaselineTotal = GC.GetTotalMemory(false);
        BaselineAfterGc = GC.GetGCMemoryInfo().HeapSizeBytes;
        Gen2Before = GC.CollectionCount(2);
        _peakTotal = BaselineTotal;
        _peakAfterGc = BaselineAfterGc;
        _thread = new Thread(Sample) { IsBackground = true, Name = "heap sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public static HeapSampler Start(TimeSpan? interval = null) => new(interval ?? TimeSpan.FromMilliseconds(5));

    public long BaselineTotal { get; }
    public long BaselineAfterGc { get; }
    public int Gen2Before { get; }
    public int Samples { get; private set; }

    /// <summary>Peak growth of GC.GetTotalMemory(false) over the baseline, in bytes.</summary>
    public long PeakTotalGrowth => Interlocked.Read(ref _peakTotal) - BaselineTotal;

    /// <summary>Peak growth of the post-collection heap size over the baseline, in bytes.</summary>
    public long PeakAfterGcGrowth => Interlocked.Read(ref _peakAfterGc) - BaselineAfterGc;

    public int Gen2Collections => GC.CollectionCount(2) - Gen2Before;

    private void Sample()
    {
        var clock = Stopwatch.StartNew();
        while (!_stop)
        {
            var total = GC.GetTotalMemory(false);
            var afterGc = GC.GetGCMemoryInfo().HeapSizeBytes;
            if (total > _peakTotal)
            {
                Interlocked.Exchange(ref _peakTotal, total);
            }

            if (afterGc > _peakAfterGc)
            {
                Interlocked.Exchange(ref _peakAfterGc, afterGc);
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
