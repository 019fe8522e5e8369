using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Http.Transport;
using PrivacyServices.Models;
using PrivacyServices.Providers;
using PrivacyServices.Tokens;

namespace PrivacyServices.Sessions
{
    /// <summary>
    /// A connection to one provider: its URIs, its cached token and its HTTP client. Safe to share across runspaces.
    /// Holds no secret in any property; <see cref="ToString"/> shows none.
    /// </summary>
    public sealed class PrivacyServiceSession : IDisposable
    {
        private int _disposed;
        private readonly SecretScope? _secrets;

        internal PrivacyServiceSession(
            string name,
            PrivacyProvider provider,
            PrivacyEnvironment environment,
            Uri? tokenUri,
            Uri? apiBaseUri,
            string? clientId,
            TokenCache tokens,
            SessionHttpClient http,
            ProviderSettings settings,
            SecretScope? secrets = null,
            TransportSettings? transport = null)
        {
            _secrets = secrets;
            Transport = transport ?? HttpClients.DefaultSettings;
            Name = name;
            ProviderKind = provider;
            Environment = environment.ToString();
            TokenUri = tokenUri;
            ApiBaseUri = apiBaseUri;
            ClientId = clientId;
            Tokens = tokens;
            Http = http;
            ProviderSettings = settings;
            Settings = ReadableMap<string>.From(settings.Describe(), StringComparer.OrdinalIgnoreCase);
            CreatedOn = DateTimeOffset.UtcNow;
        }

        public string Name { get; }

        /// <summary>The provider's name: a string, so ConvertTo-Json and Export-Csv write the name (<see cref="ProviderKind"/> is the enum).</summary>
        public string Provider => ProviderKind.ToString();

        internal PrivacyProvider ProviderKind { get; }

        /// <summary><c>Production</c> or <c>Sandbox</c>, as a string for the same reason as <see cref="Provider"/>.</summary>
        public string Environment { get; }
        public Uri? TokenUri { get; }
        /// <summary>Where API calls go. Null only for a session made for tokens alone (a provider that allows it, and no API named).</summary>
        public Uri? ApiBaseUri { get; }
        public string? ClientId { get; }
        public DateTimeOffset CreatedOn { get; }

        /// <summary>TLS, proxy and connection limits this session's requests use (downloads for it too).</summary>
        internal TransportSettings Transport { get; }

        /// <summary>The provider's own settings, typed (Providers/&lt;Vendor&gt;/…Settings): read them with <see cref="SettingsOf{T}"/>.</summary>
        internal ProviderSettings ProviderSettings { get; }

        /// <summary>The provider's settings as names and values, for display (ProjectId, OrgId, CustomerId, …).</summary>
        public IReadOnlyDictionary<string, string> Settings { get; }


        public DateTimeOffset? TokenExpiresOn => Tokens.Current?.ExpiresOn;
        public TimeSpan RefreshMargin => Tokens.Policy.Margin;
        public int MaxRetry => Http.Retry.MaxRetry;
        public long TokenRequestCount => Tokens.RequestCount;
        public long ApiCallCount => Http.CallCount;
        public bool IsConnected => Volatile.Read(ref _disposed) == 0;

        internal TokenCache Tokens { get; }
        internal SessionHttpClient Http { get; }

        /// <summary>The session's settings as the provider's own type; a clear error when the session is another provider's.</summary>
        public T SettingsOf<T>() where T : ProviderSettings =>
            ProviderSettings as T ?? throw new PrivacyServiceException(
                PrivacyErrorKind.InvalidArgument,
                "PrivacyServices.Session.WrongProvider",
                $"Session '{Name}' is for {Provider}; it has no {typeof(T).Name}.");

        /// <summary>The cached token while it is fresh, else a new one.</summary>
        public async Task<PrivacyToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            ThrowIfDisconnected();
            var (token, origin) = await Tokens.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
            PrivacyTrace.Verbose(origin == TokenOrigin.Cache
                ? $"Session '{Name}': token from cache, valid until {token.ExpiresOn:u}."
                : $"Session '{Name}': new token from {Provider}, valid until {token.ExpiresOn:u}.");
            return new PrivacyToken(token, origin, ProviderKind, Name);
        }

        internal void ThrowIfDisconnected()
        {
            if (!IsConnected)
            {
                throw PrivacyServiceException.Disconnected(Name);
            }
        }

        /// <summary>Clears secrets and tokens and closes connections.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            Tokens.Dispose();
            Http.Dispose();
            _secrets?.Dispose();
        }

        public override string ToString() => $"{Name} ({Provider}, {ApiBaseUri?.GetLeftPart(UriPartial.Authority) ?? "no API base URI"})";
    }
}
