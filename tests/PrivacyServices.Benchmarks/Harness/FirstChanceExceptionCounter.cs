namespace PrivacyServices.Benchmarks.Harness;

/// <summary>Counts exceptions thrown anywhere in the process (first chance, caught or not): an exception per call is a hot-path cost.</summary>
public sealed class FirstChanceExceptionCounter : IDisposable
{
    private long _count;

    public FirstChanceExceptionCounter() => AppDomain.CurrentDomain.FirstChanceException += OnException;

    public long Count => Interlocked.Read(ref _count);

    private void OnException(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) => Interlocked.Increment(ref _count);

    public void Dispose() => AppDomain.CurrentDomain.FirstChanceException -= OnException;
}
