namespace PrivacyServices.Authentication.EntraId
{
    /// <summary>
    /// The seam between Core and PrivacyServices.EntraId.dll (MSAL). Core knows only this interface; the implementation is
    /// loaded by <see cref="EntraIdTokenSourceLoader"/> when the first Entra ID session is created.
    /// </summary>
    public interface IEntraIdTokenSourceFactory
    {
        ITokenSource Create(EntraIdSettings settings);
    }
}
