using System;
using System.Collections.Generic;
using System.Net.Http;
using PrivacyServices.Authentication;
using PrivacyServices.Http;
using PrivacyServices.Http.Transport;
using PrivacyServices.Sessions;

namespace PrivacyServices.Providers
{
    /// <summary>What a provider definition works from: the connect options, the clock, and the shared ways of getting a token.</summary>
    internal sealed class ProviderContext
    {
        private readonly ProviderDefinition _definition;

        public ProviderContext(ConnectOptions options, ProviderDefinition definition, TimeProvider time, TransportSettings transport)
        {
            Transport = transport;
            Options = options;
            _definition = definition;
            Time = time;
        }

        public ConnectOptions Options { get; }
        public TimeProvider Time { get; }

        /// <summary>TLS, proxy and connection limits, decided once for the session (token sources and MSAL use them too).</summary>
        public TransportSettings Transport { get; }

        /// <summary>-TokenUri, else the vendor's published one for the environment.</summary>
        public Uri? TokenUri => Options.TokenUri ?? _definition.DefaultTokenUri(Options.Environment);

        /// <summary>-ApiBaseUri, else the vendor's published one for the environment.</summary>
        public Uri? ApiBaseUri => Options.ApiBaseUri ?? _definition.DefaultApiBaseUri(Options.Environment);

        /// <summary>The user's own token (-AccessToken) when given, else the token source <paramref name="create"/> makes.</summary>
        public ITokenSource TokenSource(Func<ITokenSource> create) =>
            Options.AccessToken != null ? new StaticTokenSource(Options.AccessToken, Time) : create();

        /// <summary>The standard client_credentials grant against <paramref name="tokenUri"/>, with the vendor's conventions.</summary>
        public ITokenSource ClientCredentials(Uri tokenUri, IReadOnlyList<string> scopes) =>
            new ClientCredentialsTokenSource(
                tokenUri,
                RequireClientCredential(),
                Options.ClientAuthentication ?? _definition.ClientAuthentication,
                scopes,
                _definition.ScopeSeparator,
                NewTokenHttpClient(),
                Time);

        /// <summary>The HTTP client a token source sends with (its own, apart from the session's API client).</summary>
        public HttpClient NewTokenHttpClient() => HttpClients.Create(Transport, Options.RequestTimeout);

        /// <summary>The client id and secret, or a clear error saying how to give them (<paramref name="how"/> overrides the usual advice).</summary>
        public ClientSecretCredential RequireClientCredential(string? how = null)
        {
            if (string.IsNullOrWhiteSpace(Options.ClientId) || Options.ClientSecret == null || Options.ClientSecret.Length == 0)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidArgument,
                    "PrivacyServices.Connect.CredentialMissing",
                    $"No credential for {Options.Provider}: {how ?? "a client id and its secret are needed"}. Nothing prompts for one.",
                    parameter: "ClientCredential");
            }

            return new ClientSecretCredential(Options.ClientId!, Options.ClientSecret);
        }

        public static Uri Require(Uri? uri, string parameter, string why) =>
            uri ?? throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, $"PrivacyServices.Connect.{parameter}Missing", $"{parameter} is required: {why}.", parameter: parameter);

        public static string RequireText(string? value, string parameter, string why) =>
            string.IsNullOrWhiteSpace(value)
                ? throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, $"PrivacyServices.Connect.{parameter}Missing", $"{parameter} is required: {why}.", parameter: parameter)
                : value!;
    }
}
