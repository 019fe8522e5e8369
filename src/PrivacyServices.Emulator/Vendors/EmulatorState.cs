using System.Collections.Concurrent;

namespace PrivacyServices.Emulator.Infrastructure;

/// <summary>Everything one emulator instance knows: accepted clients, issued tokens, request counts and settings.</summary>
public sealed class EmulatorState
{
    private readonly ConcurrentDictionary<string, TimeSpan> _lifetimes = new(StringComparer.OrdinalIgnoreCase);

    public EmulatorState(TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Tokens = new TokenIssuer(Time);
        Faults = new FaultInjector(Counters, Tokens, Time);
        Field = new FieldConditions(Counters, Time);
        Files = new EmulatorFileHost(Time);
        Files.AddSource(LiveRamp.FindContent);
        ResetLifetimes();
    }

    public TimeProvider Time { get; }
    public TokenIssuer Tokens { get; }
    public ClientRegistry Clients { get; } = new();
    public EmulatorCounters Counters { get; } = new();
    public ManagedIdentityHost ManagedIdentity { get; } = new();

    /// <summary>Fault switches: the next N requests to a path answer 401/429/503, drop, stall or send broken JSON.</summary>
    public FaultInjector Faults { get; }
    /// <summary>Latency, rate limit and requests in flight: the lab made to look like the field.</summary>
    public FieldConditions Field { get; }

    /// <summary>The signed-URL storage host (its own port): LiveRamp fileURLs point here.</summary>
    public EmulatorFileHost Files { get; }

    /// <summary>The LiveRamp account's consent files and paging.</summary>
    public LiveRampCatalog LiveRamp { get; } = new();

    /// <summary>The emulated Adobe Privacy Service's jobs, recorded requests and switches.</summary>
    public Adobe.AdobePrivacyState Adobe { get; } = new();

    /// <summary>Seconds per status step of emulated privacy jobs (null: they move on by reads).</summary>
    public double? JobStepSeconds
    {
        get => Adobe.StepSeconds;
        set => Adobe.StepSeconds = value;
    }

    /// <summary>
    /// The one reset: every vendor's state back to how the emulator started (counters, fault rules, token lifetimes,
    /// Adobe jobs and switches, LiveRamp's catalogue, the file host's faults). Registered clients and certificates stay:
    /// they are a test's set-up, not state it produced.
    /// </summary>
    public void Reset()
    {
        Counters.Reset();
        Faults.Clear();
        Field.Reset();
        ResetLifetimes();
        LiveRamp.Reset();
        Files.ResetFaults();
        Adobe.Reset();
    }

    /// <summary>Access-token lifetime of a provider (key <c>telia</c>, <c>telia.refresh</c>, <c>dnb</c>, <c>generic</c>, …).</summary>
    public TimeSpan Lifetime(string key) => _lifetimes.TryGetValue(key, out var lifetime) ? lifetime : TimeSpan.FromHours(1);

    public void SetLifetime(string key, TimeSpan lifetime) => _lifetimes[key] = lifetime;

    public void ResetLifetimes()
    {
        _lifetimes["generic"] = TimeSpan.FromHours(1);
        _lifetimes["dnb"] = TimeSpan.FromHours(1);
        _lifetimes["telia"] = TimeSpan.FromSeconds(60);
        _lifetimes["telia.refresh"] = TimeSpan.FromSeconds(1800);
        _lifetimes["mx"] = TimeSpan.FromMinutes(5);
        _lifetimes["liveramp"] = TimeSpan.FromSeconds(600);
        _lifetimes["adobe"] = TimeSpan.FromSeconds(86399);
    }
}
