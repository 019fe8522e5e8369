using System;
using System.Collections.Generic;
using System.Linq;
using PrivacyServices.Http;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// Adobe's regulation codes. The list is the Privacy Service's documented one after the 2025 change that put state
    /// abbreviations in the US codes (new values from 12 June 2025; the old ones stopped working after 28 July 2025). A
    /// typo would create jobs under a regulation nobody tracks, so an unknown name is refused with the closest known one
    /// suggested, and a retired one with its new name; sending an unknown name anyway takes an explicit override.
    /// </summary>
    public static class Regulations
    {
        public static readonly IReadOnlyList<string> Known = new[]
        {
            "gdpr", "ccpa", "lgpd_bra", "pdpa_tha", "apa_aus", "nzpa_nzl", "hipaa_usa", "cpra_ca_usa", "vcdpa_va_usa", "cpa_co_usa",
            "ctdpa_ct_usa", "ucpa_ut_usa", "tdpsa_tx_usa", "ocpa_or_usa", "mhmda_wa_usa", "fdbr_fl_usa", "icdpa_ia_usa", "mcdpa_mn_usa",
            "mcdpa_mt_usa", "ndpa_ne_usa", "nhpa_nh_usa", "njdpa_nj_usa", "dpdpa_de_usa", "tipa_tn_usa", "ql25_qc_can",
        };

        /// <summary>The codes retired in 2025, and what replaced them.</summary>
        public static readonly IReadOnlyDictionary<string, string> Retired = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["cpra_usa"] = "cpra_ca_usa", ["vcdpa_usa"] = "vcdpa_va_usa", ["cpa_usa"] = "cpa_co_usa", ["ctdpa_usa"] = "ctdpa_ct_usa",
            ["ucpa_usa"] = "ucpa_ut_usa", ["tdpsa_usa"] = "tdpsa_tx_usa", ["ocpa_usa"] = "ocpa_or_usa", ["mhmda_usa"] = "mhmda_wa_usa",
            ["fdbr_usa"] = "fdbr_fl_usa", ["icdpa_usa"] = "icdpa_ia_usa", ["ndpa_usa"] = "ndpa_ne_usa", ["nhpa_usa"] = "nhpa_nh_usa",
            ["njdpa_usa"] = "njdpa_nj_usa", ["dpdpa_usa"] = "dpdpa_de_usa", ["tipa_usa"] = "tipa_tn_usa",
        };

        /// <summary>
        /// The code to send: a known one in Adobe's spelling; an unknown one only with <paramref name="allowUnknown"/>.
        /// Otherwise an InvalidArgument error naming Regulation, with the retired code's successor or the closest known code.
        /// </summary>
        public static string Check(string regulation, bool allowUnknown)
        {
            var value = (regulation ?? string.Empty).Trim();
            var known = Known.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase));
            if (known != null || value.Length == 0)
            {
                return known ?? value;
            }

            if (allowUnknown)
            {
                PrivacyTrace.Verbose($"Regulation '{value}' is not one Adobe documents; sent as given.");
                return value;
            }

            if (Retired.TryGetValue(value, out var successor))
            {
                throw Invalid("RegulationRetired", $"Regulation '{value}' was retired by Adobe in 2025 and no longer works: use '{successor}'.");
            }

            var closest = Known.OrderBy(k => Distance(value.ToLowerInvariant(), k)).First();
            var hint = Distance(value.ToLowerInvariant(), closest) <= Math.Max(2, value.Length / 3) ? $"did you mean '{closest}'? " : string.Empty;
            throw Invalid("RegulationUnknown", $"Regulation '{value}' is not one Adobe documents: {hint}Known: {string.Join(", ", Known)}. Nothing was sent; to send it anyway, override the check (Force).");
        }

        private static PrivacyServiceException Invalid(string id, string message) =>
            new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Adobe." + id, message, parameter: "Regulation");

        /// <summary>Levenshtein distance with transpositions counted as one edit (gpdr → gdpr is 1).</summary>
        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
