namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>Sets process environment variables and restores their previous values on dispose. Process-wide: use only in non-parallel collections.</summary>
public sealed class EnvironmentVariables : IDisposable
{
    private readonly List<(string Name, string? Previous)> _previous = new();

    public EnvironmentVariables(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous.Add((name, Environment.GetEnvironmentVariable(name)));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, previous) in _previous)
        {
            Environment.SetEnvironmentVariable(name, previous);
        }
    }
}
