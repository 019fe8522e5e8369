using System.Collections.Generic;

namespace PrivacyServices.Models
{
    /// <summary>The values LiveRamp documents for the enumerated consent-file fields (for completion and filter checks).</summary>
    public static class ConsentFileValues
    {
        public static IReadOnlyList<string> IdentifierTypes { get; } = new[] { "IDENTITYLINK", "COOKIE", "MUID", "CUSTOM_ID", "HPI", "RAMPID" };
        public static IReadOnlyList<string> MuidDeviceTypes { get; } = new[] { "AAID", "IDFA", "MIXED" };
        public static IReadOnlyList<string> MuidFormats { get; } = new[] { "RAW", "HASHED" };
        public static IReadOnlyList<string> RequestTypes { get; } = new[] { "OPT_OUT", "DELETE" };
    }
}
