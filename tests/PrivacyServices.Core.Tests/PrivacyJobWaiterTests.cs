using Xunit;
using Microsoft.Extensions.Time.Testing;
using PrivacyServices.Apis;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Core.Tests;

public sealed class PrivacyJobWaiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, List<DateTimeOffset>> _polls = new();

    /// <summary>A job that reports "complete" on its n-th read (0: never), or throws for "missing".</summary>
    private Task<PrivacyJob> Get(string id, Dictionary<string, int> finishOnPoll)
    {
        if (id == "missing")
        {
            throw new PrivacyServiceException(PrivacyErrorKind.NotFound, "PrivacyServices.Api.Http404", "no such job");
        }

        if (!_polls.TryGetValue(id, out var polls))
        {
            _polls[id] = polls = new List<DateTimeOffset>();
        }

        polls.Add(_time.GetUtcNow());
        var done = finishOnPoll[id] > 0 && polls.Count >= finishOnPoll[id];
        return Task.FromResult(new PrivacyJob { JobId = id, Status = done ? (id.StartsWith("err", StringComparison.Ordinal) ? "error" : "complete") : "processing" });
    }

    /// <summary>Runs the wait on the fake clock: each reported pause is passed at once.</summary>
    private IReadOnlyList<PrivacyJob> Run(PrivacyJobWaiter waiter, IEnumerable<string> ids, Observer observer)
    {
        observer.OnWait = pause => _time.Advance(pause);
        var task = waiter.WaitAsync(ids, observer, CancellationToken.None);
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "the wait did not end");
        return task.GetAwaiter().GetResult();
    }

    [Fact]
    public void Polls_with_doubling_intervals_up_to_the_cap_and_reports_each_job_as_it_finishes()
    {
        var finishOn = new Dictionary<string, int> { ["a"] = 2, ["err-b"] = 6 };
        var waiter = new PrivacyJobWaiter((id, _) => Get(id, finishOn), _time) { PollInterval = TimeSpan.FromSeconds(30), MaxPollInterval = TimeSpan.FromSeconds(100) };
        var observer = new Observer();

        var pending = Run(waiter, new[] { "a", "err-b", "a", "missing" }, observer);

        Assert.Empty(pending);
        Assert.Equal(new[] { "a:complete", "err-b:error" }, observer.Finished);
        Assert.Equal(new[] { "missing" }, observer.Failed);
        Assert.Equal(2, _polls["a"].Count);
        var gaps = _polls["err-b"].Zip(_polls["err-b"].Skip(1), (x, y) => (y - x).TotalSeconds).ToArray();
        Assert.Equal(new double[] { 30, 60, 100, 100, 100 }, gaps);
        Assert.Equal(5, observer.Waits.Count);
        Assert.Equal((2, 3), (observer.Waits[1].Finished, observer.Waits[1].Total)); // a done, missing dropped, err-b pending
    }

    [Fact]
    public void The_timeout_ends_the_wait_after_a_last_check_and_returns_the_pending_jobs()
    {
        var finishOn = new Dictionary<string, int> { ["slow"] = 0, ["quick"] = 1 };
        var waiter = new PrivacyJobWaiter((id, _) => Get(id, finishOn), _time) { PollInterval = TimeSpan.FromSeconds(30), Timeout = TimeSpan.FromSeconds(50) };
        var observer = new Observer();

        var pending = Run(waiter, new[] { "slow", "quick" }, observer);

        Assert.Equal("slow", Assert.Single(pending).JobId);
        Assert.Equal("processing", pending[0].Status);
        Assert.Equal(new[] { "quick:complete" }, observer.Finished);
        Assert.Equal(new double[] { 0, 30, 50 }, _polls["slow"].Select(p => (p - _polls["slow"][0]).TotalSeconds));
    }

    [Fact]
    public void Cancelling_stops_the_wait_between_polls()
    {
        var finishOn = new Dictionary<string, int> { ["slow"] = 0 };
        var waiter = new PrivacyJobWaiter((id, _) => Get(id, finishOn), _time) { PollInterval = TimeSpan.FromMinutes(10) };
        using var cancel = new CancellationTokenSource();
        var task = waiter.WaitAsync(new[] { "slow" }, new Observer(), cancel.Token);
        Assert.False(task.IsCompleted);
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => task.GetAwaiter().GetResult());
        Assert.Single(_polls["slow"]);
    }

    /// <summary>A regulation's job list as GET /jobs pages it: every job in <paramref name="statusOnRound"/>'s order, its status by round.</summary>
    private static Func<PrivacyJobQuery, int, CancellationToken, Task<(IReadOnlyList<PrivacyJob> Jobs, long? TotalRecords)>> Lister(
        IReadOnlyList<string> allJobs, Func<string, string> status, List<(string Regulation, int Page, DateTime? From)> calls) =>
        (query, page, _) =>
        {
            calls.Add((query.Regulation, page, query.FromDate));
            var jobs = allJobs.Skip(page * query.PageSize).Take(query.PageSize)
                .Select(id => new PrivacyJob { JobId = id, Regulation = query.Regulation, Status = status(id) }).ToList();
            return Task.FromResult<(IReadOnlyList<PrivacyJob>, long?)>((jobs, allJobs.Count));
        };

    [Fact]
    public async Task Many_jobs_of_one_regulation_are_found_by_listing_a_page_per_thousand_not_read_one_by_one()
    {
        var ids = Enumerable.Range(0, 2500).Select(i => "job" + i).ToList();
        var others = Enumerable.Range(0, 400).Select(i => "other" + i).ToList(); // in the window, not waited for
        var calls = new List<(string Regulation, int Page, DateTime? From)>();
        var round = 0;
        var singles = 0;
        var waiter = new PrivacyJobWaiter(
            (id, _) => { singles++; return Task.FromResult(new PrivacyJob { JobId = id, Status = "complete" }); },
            _time,
            Lister(others.Concat(ids).ToList(), id => round >= 1 ? "complete" : "processing", calls));
        var observer = new Observer { };
        observer.OnWait = pause => { round++; _time.Advance(pause); };
        var created = _time.GetUtcNow().AddDays(-2);

        await waiter.WaitAsync(ids.Select(id => new PrivacyJobRef(id, "gdpr", created)), observer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2500, observer.Finished.Count);
        Assert.Equal(0, singles);
        Assert.Equal(6, calls.Count); // ceil(2900 / 1000) = 3 pages per round, two rounds
        Assert.All(calls, c => Assert.Equal(created.UtcDateTime.Date, c.From));
        Assert.Equal(6, waiter.Requests);
    }

    [Fact]
    public void A_few_jobs_are_read_one_by_one_and_jobs_missing_from_the_listing_too()
    {
        var calls = new List<(string Regulation, int Page, DateTime? From)>();
        var singles = new List<string>();
        var listed = Enumerable.Range(0, 10).Select(i => "job" + i).ToList();
        var waiter = new PrivacyJobWaiter(
            (id, _) => { singles.Add(id); return Task.FromResult(new PrivacyJob { JobId = id, Status = "complete" }); },
            _time,
            Lister(listed, _ => "complete", calls));

        var few = Run2(waiter, new[] { new PrivacyJobRef("job1", "gdpr"), new PrivacyJobRef("job2", "gdpr") });
        Assert.Empty(calls);
        Assert.Equal(new[] { "job1", "job2" }, singles);

        singles.Clear();
        var many = listed.Take(5).Select(id => new PrivacyJobRef(id, "ccpa")).Append(new PrivacyJobRef("not-listed", "ccpa")).Append(new PrivacyJobRef("no-regulation"));
        Run2(waiter, many);
        Assert.Single(calls);
        Assert.Equal(new[] { "not-listed", "no-regulation" }, singles);
    }

    private IReadOnlyList<PrivacyJob> Run2(PrivacyJobWaiter waiter, IEnumerable<PrivacyJobRef> jobs)
    {
        var observer = new Observer { OnWait = pause => _time.Advance(pause) };
        var task = waiter.WaitAsync(jobs, observer, CancellationToken.None);
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "the wait did not end");
        return task.GetAwaiter().GetResult();
    }

    private sealed class Observer : IPrivacyJobWaitObserver
    {
        public List<string> Finished { get; } = new();
        public List<string> Failed { get; } = new();
        public List<(int Finished, int Total)> Waits { get; } = new();
        public Action<TimeSpan>? OnWait { get; set; }

        void IPrivacyJobWaitObserver.Finished(PrivacyJob job) => Finished.Add(job.JobId + ":" + job.Status);

        void IPrivacyJobWaitObserver.Failed(string jobId, PrivacyServiceException error) => Failed.Add(jobId);

        void IPrivacyJobWaitObserver.Waiting(int finished, int total, IReadOnlyCollection<PrivacyJob> pending, TimeSpan nextPoll)
        {
            Waits.Add((finished, total));
            OnWait?.Invoke(nextPoll);
        }
    }
}
