using System.Collections.Concurrent;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>Counts requests by key (for example <c>telia.token.client_credentials</c>, <c>telia.projectInfo</c>) so tests can assert on them.</summary>
public sealed class EmulatorCounters
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.OrdinalIgnoreCase);

    public void Increment(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public long this[string key] => _counts.TryGetValue(key, out var n) ? n : 0;

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.OrdinalIgnoreCase);

    public void Reset() => _counts.Clear();
}
