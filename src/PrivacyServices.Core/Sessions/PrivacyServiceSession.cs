using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Models;
using PrivacyServices.Tokens;

namespace PrivacyServices.Sessions
{
    /// <summary>
    /// A connection to one provider: its URIs, its cached token and its HTTP pipeline. Safe to share across runspaces.
    /// Holds no secret in any property; <see cref="ToString"/> shows none.
    /// </summary>
    public sealed class PrivacyServiceSession : IDisposable
    {
        private int _disposed;

        internal PrivacyServiceSession(
            string name,
            PrivacyProvider provider,
            PrivacyEnvironment environment,
            Uri? tokenUri,
            Uri? apiBaseUri,
            string? clientId,
            TokenCache tokens,
            AuthenticatedPipeline pipeline,
            IReadOnlyDictionary<string, string> settings)
        {
            Name = name;
            Provider = provider;
            Environment = environment;
            TokenUri = tokenUri;
            ApiBaseUri = apiBaseUri;
            ClientId = clientId;
            Tokens = tokens;
            Pipeline = pipeline;
            Settings = settings;
            CreatedOn = DateTimeOffset.UtcNow;
        }

        public string Name { get; }
        public PrivacyProvider Provider { get; }
        public PrivacyEnvironment Environment { get; }
        public Uri? TokenUri { get; }
        /// <summary>Where API calls go. Null only for an Entra ID session made for tokens alone (no -ApiBaseUri, and a scope that is no https URL).</summary>
        public Uri? ApiBaseUri { get; }
        public string? ClientId { get; }
        public DateTimeOffset CreatedOn { get; }

        /// <summary>Provider settings such as ProjectId (Telia), OrgId (Adobe), CustomerId and ApiVersion (MX).</summary>
        public IReadOnlyDictionary<string, string> Settings { get; }

        public string? ProjectId => Setting("ProjectId");

        public DateTimeOffset? TokenExpiresOn => Tokens.Current?.ExpiresOn;
        public TimeSpan RefreshMargin => Tokens.Policy.Margin;
        public int MaxRetry => Pipeline.Retry.MaxRetry;
        public long TokenRequestCount => Tokens.RequestCount;
        public long ApiCallCount => Pipeline.CallCount;
        public bool IsConnected => Volatile.Read(ref _disposed) == 0;

        internal TokenCache Tokens { get; }
        internal AuthenticatedPipeline Pipeline { get; }

        public string? Setting(string name) => Settings.TryGetValue(name, out var value) ? value : null;

        /// <summary>The cached token while it is fresh, else a new one.</summary>
        public async Task<PrivacyToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            ThrowIfDisconnected();
            var (token, origin) = await Tokens.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
            PrivacyTrace.Verbose(origin == TokenOrigin.Cache
                ? $"Session '{Name}': token from cache, valid until {token.ExpiresOn:u}."
                : $"Session '{Name}': new token from {Provider}, valid until {token.ExpiresOn:u}.");
            return new PrivacyToken(token, origin, Provider, Name);
        }

        internal void ThrowIfDisconnected()
        {
            if (!IsConnected)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidOperation,
                    "PrivacyServices.Session.Disconnected",
                    $"Session '{Name}' was disconnected; run Connect-PrivacyService again.");
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
            Pipeline.Dispose();
        }

        public override string ToString() => $"{Name} ({Provider}, {ApiBaseUri?.GetLeftPart(UriPartial.Authority) ?? "no API base URI"})";
    }
}
