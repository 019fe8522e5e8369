using System.Collections.Generic;

namespace PrivacyServices.Providers
{
    /// <summary>A vendor's own session settings (an Adobe org id, a Telia project id, …), typed, in that vendor's folder.</summary>
    public abstract class ProviderSettings
    {
        /// <summary>The settings as names and values, for Get-PrivacyServiceSession (never a secret).</summary>
        public abstract IReadOnlyDictionary<string, string> Describe();

        /// <summary>Adds <paramref name="value"/> under <paramref name="name"/> when it is set.</summary>
        protected static void Add(IDictionary<string, string> settings, string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                settings[name] = value!;
            }
        }
    }

    /// <summary>For vendors with no settings of their own.</summary>
    public sealed class NoProviderSettings : ProviderSettings
    {
        public static readonly NoProviderSettings Instance = new NoProviderSettings();

        private NoProviderSettings()
        {
        }

        public override IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>();
    }
}
