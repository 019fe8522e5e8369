using System;

namespace PrivacyServices.Http
{
    /// <summary>What kind of failure happened; the cmdlets map it to an ErrorCategory.</summary>
    public enum PrivacyErrorKind
    {
        Authentication,
        PermissionDenied,
        NotFound,
        InvalidArgument,
        LimitsExceeded,
        Connection,
        Timeout,
        InvalidResponse,
        InvalidConfiguration,
        InvalidOperation,
    }

    /// <summary>
    /// Every failure the core reports. The message holds the vendor's error text, the HTTP status and the request id,
    /// never a secret.
    /// </summary>
    public class PrivacyServiceException : Exception
    {
        public PrivacyServiceException(
            PrivacyErrorKind kind,
            string errorId,
            string message,
            int? statusCode = null,
            string? vendorCode = null,
            string? requestId = null,
            Exception? innerException = null,
            string? parameter = null)
            : base(Redactor.RedactText(message), innerException)
        {
            Parameter = parameter;
            Kind = kind;
            ErrorId = errorId;
            StatusCode = statusCode;
            VendorCode = vendorCode;
            RequestId = requestId;
        }

        public PrivacyErrorKind Kind { get; }

        /// <summary>A stable identifier, used as the ErrorRecord's FullyQualifiedErrorId.</summary>
        public string ErrorId { get; }

        public int? StatusCode { get; }
        public string? VendorCode { get; }
        public string? RequestId { get; }

        /// <summary>
        /// The option or input the failure is about (OrgId, Regulation, …), by its plain name: Core speaks of the request,
        /// the cmdlet layer turns this into the parameter the user typed (-OrgId of Connect-PrivacyService).
        /// </summary>
        public string? Parameter { get; }

        /// <summary>A call that was running, or started, on a session after it was disconnected.</summary>
        public static PrivacyServiceException Disconnected(string? sessionName = null) =>
            new PrivacyServiceException(
                PrivacyErrorKind.InvalidOperation,
                "PrivacyServices.Session.Disconnected",
                sessionName == null
                    ? "The session was disconnected: its secrets and tokens are gone, so this call was stopped. Connect again to use it."
                    : $"Session '{sessionName}' was disconnected; connect again to use it.");

        public static PrivacyErrorKind KindForStatus(int status)
        {
            switch (status)
            {
                case 401: return PrivacyErrorKind.Authentication;
                case 403: return PrivacyErrorKind.PermissionDenied;
                case 404: return PrivacyErrorKind.NotFound;
                case 400:
                case 409:
                case 422: return PrivacyErrorKind.InvalidArgument;
                case 429: return PrivacyErrorKind.LimitsExceeded;
                case 408: return PrivacyErrorKind.Timeout;
                default: return status >= 500 ? PrivacyErrorKind.Connection : PrivacyErrorKind.InvalidOperation;
            }
        }
    }
}
