namespace PrivacyServices
{
    /// <summary>The vendor systems a session can authenticate to.</summary>
    public enum PrivacyProvider
    {
        Telia,
        Adobe,
        DnB,
        LiveRamp,
        MX,
        EntraId,
        Generic,
    }

    /// <summary>Which of a vendor's published hosts a session uses.</summary>
    public enum PrivacyEnvironment
    {
        Production,
        Sandbox,
    }

    /// <summary>Where an OAuth client sends its id and secret (RFC 6749 §2.3.1).</summary>
    public enum ClientAuthentication
    {
        Basic,
        Body,
    }
}
