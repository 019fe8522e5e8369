using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests.Transport;

/// <summary>The window of a bulk operation: never above its limit, halved by throttling, widened again by successes.</summary>
public sealed class AdaptiveConcurrencyTests
{
    [Fact]
    public async Task Never_more_than_the_limit_in_flight_however_many_items()
    {
        var gate = new AdaptiveConcurrency(3);
        var inFlight = 0;
        var peak = 0;

        await Concurrently.RunAsync(Enumerable.Range(0, 40), gate, async (_, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref inFlight);
        }, CancellationToken.None);

        Assert.Equal(3, peak);
        Assert.Equal(3, gate.PeakInFlight);
    }

    [Fact]
    public void Throttling_halves_the_window_down_to_one_and_each_window_of_successes_widens_it_by_one()
    {
        var gate = new AdaptiveConcurrency(8);

        gate.Throttled();
        Assert.Equal(4, gate.Window);
        gate.Throttled();
        gate.Throttled();
        gate.Throttled();
        Assert.Equal(1, gate.Window);

        gate.Succeeded();
        Assert.Equal(2, gate.Window);
        gate.Succeeded();
        Assert.Equal(2, gate.Window);
        gate.Succeeded();
        Assert.Equal(3, gate.Window);
        for (var i = 0; i < 100; i++)
        {
            gate.Succeeded();
        }

        Assert.Equal(8, gate.Window);
        Assert.Equal(4, gate.Throttles);
    }

    [Fact]
    public async Task A_429_seen_by_the_send_path_narrows_the_window_of_the_run_it_belongs_to()
    {
        var gate = new AdaptiveConcurrency(4);
        var other = new AdaptiveConcurrency(4);

        await Concurrently.RunAsync(new[] { 1 }, gate, (_, _) =>
        {
            typeof(ThrottleSignal).GetMethod("Throttled", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!.Invoke(null, null);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(1, gate.Throttles);
        Assert.Equal(0, other.Throttles);
    }

    [Fact]
    public async Task A_failing_item_stops_the_items_not_started_and_its_exception_comes_out()
    {
        var gate = new AdaptiveConcurrency(1);
        var started = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Concurrently.RunAsync(Enumerable.Range(0, 10), gate, (i, _) =>
        {
            Interlocked.Increment(ref started);
            return i == 2 ? throw new InvalidOperationException("boom") : Task.CompletedTask;
        }, CancellationToken.None));

        Assert.Equal(3, started);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
