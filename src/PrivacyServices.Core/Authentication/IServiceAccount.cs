using System;
using System.Security;

namespace PrivacyServices.Authentication
{
    /// <summary>A service account read from a vendor's credentials file: an account, its secret, its client and where it gets tokens.</summary>
    public interface IServiceAccount
    {
        string AccountId { get; }
        SecureString SecretKey { get; }
        string ClientId { get; }
        Uri TokenUri { get; }
    }
}
