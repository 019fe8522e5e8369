using System;
using System.Management.Automation;
using PrivacyServices.Http;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Maps the core's failures to ErrorRecords with a stable id and the right category.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(PrivacyServiceException exception, object? target)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, CategoryFor(exception.Kind), target);
            var action = RecommendedAction(exception);
            if (action != null)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = action };
            }

            return record;
        }

        public static ErrorRecord NoSession() =>
            new ErrorRecord(
                new InvalidOperationException("There is no PrivacyServices session in this runspace. Run Connect-PrivacyService first, or pass -Session."),
                "PrivacyServices.Session.NotConnected",
                ErrorCategory.InvalidOperation,
                null)
            {
                ErrorDetails = new ErrorDetails("There is no PrivacyServices session in this runspace. Run Connect-PrivacyService first, or pass -Session.")
                {
                    RecommendedAction = "Run Connect-PrivacyService, or pass a session with -Session.",
                },
            };

        /// <summary>No session given and none that the session rule can pick: the message lists the candidates.</summary>
        public static ErrorRecord AmbiguousSession(string errorId, string message, ErrorCategory category) =>
            new ErrorRecord(new InvalidOperationException(message), errorId, category, null)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Pass -Session <name>, or run Select-PrivacyServiceSession -Name <name> (or Connect-PrivacyService for that provider).",
                },
            };

        public static ErrorRecord InvalidArgument(string errorId, string parameter, string message, object? target) =>
            new ErrorRecord(new ArgumentException(message, parameter), errorId, ErrorCategory.InvalidArgument, target);

        public static ErrorCategory CategoryFor(PrivacyErrorKind kind)
        {
            switch (kind)
            {
                case PrivacyErrorKind.Authentication: return ErrorCategory.AuthenticationError;
                case PrivacyErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case PrivacyErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case PrivacyErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case PrivacyErrorKind.LimitsExceeded: return ErrorCategory.LimitsExceeded;
                case PrivacyErrorKind.Connection: return ErrorCategory.ConnectionError;
                case PrivacyErrorKind.Timeout: return ErrorCategory.OperationTimeout;
                case PrivacyErrorKind.InvalidResponse: return ErrorCategory.InvalidResult;
                case PrivacyErrorKind.InvalidConfiguration: return ErrorCategory.InvalidData;
                default: return ErrorCategory.InvalidOperation;
            }
        }

        private static string? RecommendedAction(PrivacyServiceException exception)
        {
            switch (exception.Kind)
            {
                case PrivacyErrorKind.Authentication: return "Check the credential given to Connect-PrivacyService: client id and secret, credential file, certificate or managed identity.";
                case PrivacyErrorKind.LimitsExceeded: return "The vendor is throttling: wait, or raise -MaxRetry on Connect-PrivacyService.";
                case PrivacyErrorKind.Connection: return "Check the network and the vendor's status; idempotent calls were already retried.";
                default: return null;
            }
        }
    }
}
