using System;
using System.Text.RegularExpressions;
using Microsoft.Identity.Client;
using PrivacyServices.Http;

namespace PrivacyServices.EntraId
{
    /// <summary>MSAL's exceptions as <see cref="PrivacyServiceException"/>s that quote Entra ID's error code (AADSTS…), never a secret.</summary>
    internal static class MsalErrors
    {
        private static readonly Regex EntraCode = new Regex(@"\bAADSTS\d+\b", RegexOptions.CultureInvariant);

        public static PrivacyServiceException From(MsalException exception, string operation)
        {
            var text = Redactor.RedactText(Describe(exception.Message));
            if (exception is MsalServiceException service)
            {
                var status = service.StatusCode;
                var entraCode = EntraCode.Match(service.Message ?? string.Empty);
                var vendorCode = entraCode.Success ? entraCode.Value : service.ErrorCode;
                var kind = KindFor(service.ErrorCode, status);
                var statusText = status > 0 ? $"HTTP {status}, " : string.Empty;
                return new PrivacyServiceException(
                    kind,
                    status > 0 ? $"PrivacyServices.Token.Http{status}" : $"PrivacyServices.Token.{Pascal(service.ErrorCode)}",
                    $"{operation} failed: {text} ({statusText}error {service.ErrorCode}{(string.IsNullOrEmpty(service.CorrelationId) ? string.Empty : ", correlation id " + service.CorrelationId)}).",
                    status > 0 ? status : (int?)null,
                    vendorCode,
                    service.CorrelationId);
            }

            return new PrivacyServiceException(
                KindFor(exception.ErrorCode, 0),
                $"PrivacyServices.EntraId.{Pascal(exception.ErrorCode)}",
                $"{operation} failed: {text} (MSAL error {exception.ErrorCode}).",
                vendorCode: exception.ErrorCode);
        }

        private static PrivacyErrorKind KindFor(string? errorCode, int status)
        {
            switch (errorCode)
            {
                case "invalid_client":
                case "unauthorized_client":
                case "invalid_grant":
                    return PrivacyErrorKind.Authentication;
                case "invalid_scope":
                case "invalid_request":
                case "invalid_resource":
                    return PrivacyErrorKind.InvalidArgument;
                case MsalError.ManagedIdentityUnreachableNetwork:
                case "service_not_available":
                case "request_timeout":
                    return PrivacyErrorKind.Connection;
            }

            if (status > 0)
            {
                return PrivacyServiceException.KindForStatus(status);
            }

            return PrivacyErrorKind.InvalidConfiguration;
        }

        /// <summary>
        /// Entra ID's own description when MSAL quotes one (it starts at the AADSTS code; MSAL's generic advice before it
        /// is dropped), else MSAL's message; up to the first line break, after which come trace and correlation ids.
        /// </summary>
        private static string Describe(string? message)
        {
            if (string.IsNullOrEmpty(message))
            {
                return "no error text";
            }

            var start = EntraCode.Match(message!);
            var text = start.Success ? message!.Substring(start.Index) : message!;
            var end = text.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? text : text.Substring(0, end)).Trim();
        }

        private static string Pascal(string? code)
        {
            if (string.IsNullOrEmpty(code))
            {
                return "Failed";
            }

            var parts = code!.Split(new[] { '_', '-' }, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = char.ToUpperInvariant(parts[i][0]) + parts[i].Substring(1);
            }

            return string.Concat(parts);
        }
    }
}
