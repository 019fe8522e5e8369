using System.Net;
using PrivacyServices.Http;
using PrivacyServices.Http.Transport;

namespace PrivacyServices.Core.Tests.Transport;

/// <summary>The transport decisions for both runtimes, from facts given here, so the .NET Framework rules are checked on Linux.</summary>
public sealed class TransportSettingsTests
{
    /// <summary>What powershell.exe 5.1 reports on a default Windows Server 2016/2019: SSL 3 and TLS 1.0 only.</summary>
    private const SecurityProtocolType WindowsPowerShellDefault = (SecurityProtocolType)48 | SecurityProtocolType.Tls;

    private static RuntimeFacts Framework(SecurityProtocolType protocols, bool tls13 = false, int connectionLimit = 2) =>
        new(RuntimeKind.NetFramework, protocols, connectionLimit, tls13, ".NET Framework 4.8.9232.0");

    private static RuntimeFacts Core() => new(RuntimeKind.NetCore, 0, int.MaxValue, false, ".NET 9.0.0");

    [Fact]
    public void Windows_PowerShell_default_protocols_get_TLS_1_2_added_and_nothing_removed()
    {
        var settings = TransportSettings.Decide(Framework(WindowsPowerShellDefault));

        Assert.Equal(SecurityProtocolType.Tls12, settings.ProtocolsToAdd);
        Assert.Contains(settings.Notes, n => n.Contains("added TLS 1.2 process-wide (nothing removed)"));
        Assert.Contains(settings.Notes, n => n.Contains("SSL 3, TLS 1.0"));
    }

    [Fact]
    public void TLS_1_3_is_added_only_where_the_OS_has_it()
    {
        Assert.Equal(SecurityProtocolType.Tls12 | RuntimeFacts.Tls13, TransportSettings.Decide(Framework(SecurityProtocolType.Tls, tls13: true)).ProtocolsToAdd);
        Assert.Equal(SecurityProtocolType.Tls12, TransportSettings.Decide(Framework(SecurityProtocolType.Tls, tls13: false)).ProtocolsToAdd);
    }

    [Fact]
    public void A_process_that_already_allows_TLS_1_2_is_left_alone()
    {
        Assert.Equal((SecurityProtocolType)0, TransportSettings.Decide(Framework(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls11)).ProtocolsToAdd);
    }

    [Fact]
    public void SystemDefault_lets_the_OS_choose_and_is_not_narrowed_to_a_list()
    {
        var settings = TransportSettings.Decide(Framework(0, tls13: true));

        Assert.Equal((SecurityProtocolType)0, settings.ProtocolsToAdd);
        Assert.Contains(settings.Notes, n => n.Contains("SystemDefault") && n.Contains("left as it is"));
    }

    [Fact]
    public void On_NET_Framework_each_vendor_host_gets_more_than_two_connections_and_no_Expect_100_continue()
    {
        var settings = TransportSettings.Decide(Framework(SecurityProtocolType.Tls12, connectionLimit: 2));

        Assert.True(settings.TuneServicePoints);
        Assert.True(settings.ConnectionLimit >= 16, $"{settings.ConnectionLimit} connections per host");
        Assert.False(settings.ExpectContinue);
        Assert.Contains(settings.Notes, n => n.Contains("the .NET Framework default is 2") && n.Contains("not process-wide"));
    }

    [Fact]
    public void On_NET_nothing_process_wide_is_touched()
    {
        var settings = TransportSettings.Decide(Core());

        Assert.Equal((SecurityProtocolType)0, settings.ProtocolsToAdd);
        Assert.False(settings.TuneServicePoints);
        Assert.False(settings.ExpectContinue);
        Assert.DoesNotContain(settings.Notes, n => n.StartsWith("TLS", StringComparison.Ordinal));
    }

    [Fact]
    public void The_proxy_note_names_the_proxy_and_user_never_the_password()
    {
        var proxy = new ProxySettings(new Uri("http://proxy.contoso.test:8080"), new NetworkCredential("CONTOSO\\svc", "Pr0xy-canary-pw"), useDefaultCredentials: false);

        var settings = TransportSettings.Decide(Core(), proxy);

        var note = Assert.Single(settings.Notes, n => n.StartsWith("Proxy", StringComparison.Ordinal));
        Assert.Contains("proxy.contoso.test:8080", note);
        Assert.Contains("CONTOSO\\svc", note);
        Assert.DoesNotContain("canary", note);
        Assert.Contains("system proxy with the signed-in user's credentials", TransportSettings.Decide(Core()).Notes.Last());
    }

    [Theory]
    [InlineData(null, true, false, "Proxy")]
    [InlineData("http://proxy:8080", true, true, "ProxyCredential")]
    [InlineData("proxy-without-scheme", false, false, "Proxy")]
    public void Proxy_options_that_contradict_each_other_are_refused_naming_the_parameter(string? address, bool credential, bool useDefault, string parameter)
    {
        var error = Assert.Throws<PrivacyServiceException>(() => new ProxySettings(
            address == null ? null : new Uri(address, UriKind.RelativeOrAbsolute),
            credential ? new NetworkCredential("u", "p") : null,
            useDefault));

        Assert.Equal(parameter, error.Parameter);
        Assert.Equal(PrivacyErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void Every_client_the_module_builds_sends_no_Expect_100_continue()
    {
        using var client = HttpClients.Create(TransportSettings.Decide(Framework(SecurityProtocolType.Tls12)), TimeSpan.FromSeconds(5));

        Assert.False(client.DefaultRequestHeaders.ExpectContinue);
    }
}
