using PrivacyServices.Providers;
using PrivacyServices.Sessions;

namespace PrivacyServices.Core.Tests;

/// <summary>Each vendor's definition names the connect options only it reads; Connect-PrivacyService refuses them for the others.</summary>
public sealed class ProviderOwnOptionsTests
{
    [Fact]
    public void Every_own_option_is_a_ConnectOptions_property_owned_by_one_vendor()
    {
        var properties = typeof(ConnectOptions).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var owned = ProviderRegistry.All.SelectMany(d => d.OwnOptions.Select(o => (d.Provider, Option: o))).ToList();

        Assert.All(owned, o => Assert.Contains(o.Option, properties));
        Assert.Empty(owned.GroupBy(o => o.Option).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(new[] { "OrgId" }, ProviderRegistry.For(PrivacyProvider.Adobe).OwnOptions);
        Assert.Empty(ProviderRegistry.For(PrivacyProvider.DnB).OwnOptions);
    }
}
