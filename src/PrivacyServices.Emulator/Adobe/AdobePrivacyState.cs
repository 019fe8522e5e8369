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

            var snapshot = new AdobeJobSnapshot(job, job.Status, job.LastModified);
            job.PollsInStatus++;
            if (job.PollsInStatus >= PollsPerStep && AdobeJobStatus.Next(job.Status) != job.Status)
            {
                job.Status = AdobeJobStatus.Next(job.Status);
                job.PollsInStatus = 0;
                job.LastModified = now;
            }

            return snapshot;
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

    /// <summary>The jobs of one regulation, newest first, as GET /jobs lists them.</summary>
    public IReadOnlyList<AdobeJobSnapshot> List(string regulation, string? status, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
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
            _failSkip = _failCount = _failStatus = 0;
            SpecSpelling = false;
            PollsPerStep = 1;
            KeepRecords = true;
            Calls.Clear();
        }
    }
}

/// <summary>A job as one response showed it (its status may move on afterwards).</summary>
public sealed record AdobeJobSnapshot(AdobeJob Job, string Status, DateTimeOffset LastModified);

/// <summary>What an API call carried: the Adobe headers tests assert on.</summary>
public sealed record AdobeApiCall(string Method, string Path, string? ApiKey, string? OrgId);
