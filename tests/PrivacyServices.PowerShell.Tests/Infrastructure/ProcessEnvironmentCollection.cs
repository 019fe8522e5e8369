namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>Tests that set process-wide environment variables (PRIVACYSERVICES_*, IDENTITY_ENDPOINT) run here, never in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}
