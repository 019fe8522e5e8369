using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PrivacyServices.Http;
using PrivacyServices.Models;
using PrivacyServices.Providers.MX;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// MX consent management (FDX data providers): <c>GET api/{version}/consent_management</c> lists the consents of the
    /// customer the session's token is for; <c>PUT …/{consentId}/disable_app_sharing</c> revokes one.
    /// </summary>
    public sealed class MxConsentsClient
    {
        private readonly SessionHttpClient _http;
        private readonly string _version;

        public MxConsentsClient(SessionHttpClient http, string apiVersion)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _version = string.IsNullOrWhiteSpace(apiVersion) ? "v4" : apiVersion.Trim();
        }

        public static MxConsentsClient For(Sessions.PrivacyServiceSession session) =>
            new MxConsentsClient(session.Http, session.SettingsOf<MxSettings>().ApiVersion);

        public async Task<IReadOnlyList<DataSharingConsent>> ListAsync(CancellationToken cancellationToken)
        {
            using (var response = await _http.SendAsync(new ApiRequest(HttpMethod.Get, Path(string.Empty)), cancellationToken).ConfigureAwait(false))
            {
                var json = PlainJson.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false), "GET consent_management");
                return DataSharingConsent.ReadList(json);
            }
        }

        /// <summary>Revokes the consent (the app's access to every account ends); returns it as MX has it afterwards.</summary>
        public async Task<DataSharingConsent> RevokeAsync(string consentId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(consentId))
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.MX.ConsentIdMissing", "The consent id is empty.", parameter: "Id");
            }

            var request = new ApiRequest(HttpMethod.Put, Path(Uri.EscapeDataString(consentId.Trim()) + "/disable_app_sharing"));
            using (var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var json = text.Trim().Length == 0 ? null : PlainJson.Parse(text, "PUT disable_app_sharing") as JObject;
                var consent = json?["consent"] as JObject ?? json;
                return consent != null && consent["id"] != null ? DataSharingConsent.Read(consent) : new DataSharingConsent { Id = consentId.Trim(), RevokedAt = DateTimeOffset.UtcNow };
            }
        }

        private Uri Path(string rest) => _http.Resolve($"api/{_version}/consent_management" + (rest.Length == 0 ? string.Empty : "/" + rest));
    }
}
