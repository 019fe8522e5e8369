using System.Collections.Concurrent;

namespace PrivacyServices.Emulator.Adobe;

/// <summary>
/// What the emulated Adobe Privacy Service holds: its jobs, every accepted POST /jobs body (for tests to validate),
/// the headers API calls carried, and its switches (spelling variant, injected POST failures, polls per status step).
/// </summary>
public sealed class AdobePrivacyState
{
    private readonly object _lock = new();
    private readonly Dictionary<string, AdobeJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<string> _acceptedPosts = new();
    private readonly List<string> _optOuts = new();
    private long _sequence;
    private int _failSkip;
    private int _failCount;
    private int _failStatus;

    /// <summary>
    /// False (default): the spellings of Adobe's guides, <c>jobs</c> in the POST response and <c>downloadURL</c>.
    /// True: the OpenAPI spec's spellings, <c>jobDetails</c> and <c>downloadUrl</c>. Real clients meet both.
    /// </summary>
    public bool SpecSpelling { get; set; }

    /// <summary>How many GET /jobs/{id} reads a job answers in one status before moving on (submitted → processing → complete).</summary>
    public int PollsPerStep { get; set; } = 1;

    /// <summary>
    /// When set, jobs move on by time instead: one status step every this many seconds since the last step, whenever and
    /// by whichever route they are read. Null (the default): one step every <see cref="PollsPerStep"/> reads.
    /// </summary>
    public double? StepSeconds { get; set; }

    /// <summary>Every API call's method, path and Adobe headers, in order (while <see cref="KeepRecords"/> is on).</summary>
    public ConcurrentQueue<AdobeApiCall> Calls { get; } = new();

    /// <summary>
    /// True (default): jobs, accepted POST bodies and <see cref="Calls"/> are kept for tests to read back. False: the service
    /// answers as usual but keeps nothing, so a benchmark's heap figures show the client's memory, not this store's.
    /// </summary>
    public bool KeepRecords { get; set; } = true;

    /// <summary>Records an API call's headers (while <see cref="KeepRecords"/> is on).</summary>
    public void Record(AdobeApiCall call)
    {
        if (KeepRecords)
        {
            Calls.Enqueue(call);
        }
    }

    public int JobCount
    {
        get
        {
            lock (_lock)
            {
                return _jobs.Count;
            }
        }
    }

    /// <summary>The raw JSON bodies of every POST /consent (opt-out of sale) the service accepted, in order.</summary>
    public IReadOnlyList<string> AcceptedOptOuts
    {
        get
        {
            lock (_lock)
            {
                return _optOuts.ToArray();
            }
        }
    }

    public void AcceptOptOut(string body)
    {
        lock (_lock)
        {
            _optOuts.Add(body);
        }
    }

    /// <summary>The raw JSON bodies of every POST /jobs the service accepted, in order.</summary>
    public IReadOnlyList<string> AcceptedPosts
    {
        get
        {
            lock (_lock)
            {
                return _acceptedPosts.ToArray();
            }
        }
    }

    public IReadOnlyList<AdobeJob> Jobs
    {
        get
        {
            lock (_lock)
            {
                return _jobs.Values.OrderBy(j => j.Sequence).ToArray();
            }
        }
    }

    /// <summary>Lets the next <paramref name="skip"/> POST /jobs through, then fails <paramref name="count"/> of them with <paramref name="status"/>.</summary>
    public void FailPosts(int count, int status, int skip = 0)
    {
        lock (_lock)
        {
            _failSkip = Math.Max(0, skip);
            _failCount = Math.Max(0, count);
            _failStatus = status;
        }
    }

    /// <summary>The status this POST must fail with, or null to process it.</summary>
    public int? TakePostFailure()
    {
        lock (_lock)
        {
            if (_failCount == 0)
            {
                return null;
            }

            if (_failSkip > 0)
            {
                _failSkip--;
                return null;
            }

            _failCount--;
            return _failStatus;
        }
    }

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Accept(string body, IEnumerable<AdobeJob> jobs)
    {
        if (!KeepRecords)
        {
            return;
        }

        lock (_lock)
        {
            _acceptedPosts.Add(body);
            foreach (var job in jobs)
            {
                _jobs[job.JobId] = job;
            }
        }
    }

    public AdobeJob? Find(string jobId)
    {
        lock (_lock)
        {
            return _jobs.TryGetValue(jobId, out var job) ? job : null;
        }
    }

    /// <summary>Reads a job the way GET /jobs/{id} does: answers the current status, then counts the poll and moves on when due.</summary>
    public AdobeJobSnapshot? Poll(string jobId, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(jobId, out var job))
            {
                return null;
            }

            AdvanceByTime(job, now);
            var snapshot = new AdobeJobSnapshot(job, job.Status, job.LastModified);
            CountRead(job, now);
            return snapshot;
        }
    }

    /// <summary>In time mode, the steps due since the job last moved.</summary>
    private void AdvanceByTime(AdobeJob job, DateTimeOffset now)
    {
        if (StepSeconds is not double seconds || seconds <= 0)
        {
            return;
        }

        var step = TimeSpan.FromSeconds(seconds);
        while (now - job.LastModified >= step && AdobeJobStatus.Next(job.Status) != job.Status)
        {
            job.Status = AdobeJobStatus.Next(job.Status);
            job.LastModified += step;
        }
    }

    /// <summary>In read mode, one more read; the job moves on every <see cref="PollsPerStep"/> reads.</summary>
    private void CountRead(AdobeJob job, DateTimeOffset now)
    {
        if (StepSeconds is not null)
        {
            return;
        }

        job.PollsInStatus++;
        if (job.PollsInStatus >= PollsPerStep && AdobeJobStatus.Next(job.Status) != job.Status)
        {
            job.Status = AdobeJobStatus.Next(job.Status);
            job.PollsInStatus = 0;
            job.LastModified = now;
        }
    }

    public bool SetStatus(string jobId, string status, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(jobId, out var job))
            {
                return false;
            }

            job.Status = status;
            job.PollsInStatus = 0;
            job.LastModified = now;
            return true;
        }
    }

    /// <summary>Counts a read of each job a list page showed (the same progress a GET /jobs/{id} of each would make).</summary>
    public void CountReads(IEnumerable<AdobeJob> shown, DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var job in shown)
            {
                CountRead(job, now);
            }
        }
    }

    /// <summary>The jobs of one regulation, newest first, as GET /jobs lists them.</summary>
    public IReadOnlyList<AdobeJobSnapshot> List(string regulation, string? status, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var job in _jobs.Values)
            {
                AdvanceByTime(job, now);
            }

            return _jobs.Values
                .Where(j => string.Equals(j.Regulation, regulation, StringComparison.OrdinalIgnoreCase))
                .Where(j => status is null || j.Status == status)
                .Where(j => j.Created >= from && j.Created < to)
                .OrderByDescending(j => j.Sequence)
                .Select(j => new AdobeJobSnapshot(j, j.Status, j.LastModified))
                .ToArray();
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _jobs.Clear();
            _acceptedPosts.Clear();
            _optOuts.Clear();
            _failSkip = _failCount = _failStatus = 0;
            SpecSpelling = false;
            PollsPerStep = 1;
            StepSeconds = null;
            KeepRecords = true;
            Calls.Clear();
        }
    }
}

/// <summary>A job as one response showed it (its status may move on afterwards).</summary>
public sealed record AdobeJobSnapshot(AdobeJob Job, string Status, DateTimeOffset LastModified);

/// <summary>What an API call carried: the Adobe headers tests assert on.</summary>
public sealed record AdobeApiCall(string Method, string Path, string? ApiKey, string? OrgId);
