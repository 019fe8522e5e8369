using PrivacyServices.Authentication;
using PrivacyServices.Tokens;

namespace PrivacyServices.Core.Tests;

/// <summary>Counts acquisitions; each token lives <see cref="Lifetime"/> on the given clock. Can hold callers at a gate to force overlap.</summary>
internal sealed class FakeTokenSource : ITokenSource
{
    private readonly TimeProvider _time;
    private int _count;

    public FakeTokenSource(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        Lifetime = lifetime;
    }

    public TimeSpan Lifetime { get; set; }
    public int Count => Volatile.Read(ref _count);
    public TaskCompletionSource? Gate { get; set; }
    public List<AccessToken?> PreviousSeen { get; } = new();

    public async Task<AccessToken> AcquireTokenAsync(AccessToken? previous, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _count);
        lock (PreviousSeen)
        {
            PreviousSeen.Add(previous);
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var now = _time.GetUtcNow();
        return new AccessToken("token-" + n, "Bearer", now, now + Lifetime, Array.Empty<string>(), "refresh-" + n, now + TimeSpan.FromMinutes(30));
    }

    public void Dispose()
    {
    }
}
