using System;
using System.Management.Automation;
using PrivacyServices.Http;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Maps the core's failures to ErrorRecords with a stable id and the right category.</summary>
    internal static class ErrorRecords
    {
        /// <summary>
        /// The record of a Core failure. Core speaks of the request; here the option it names (<see cref="PrivacyServiceException.Parameter"/>)
        /// becomes the parameter the user types: this cmdlet's own, or Connect-PrivacyService's for a session setting.
        /// </summary>
        public static ErrorRecord From(PrivacyServiceException exception, object? target, PSCmdlet? cmdlet = null)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, CategoryFor(exception.Kind), target);
            var advice = Advice(exception.ErrorId);
            var message = Redactor.RedactText(exception.Message + ParameterHint(exception.Parameter, cmdlet) + (advice == null ? string.Empty : " " + advice));
            var action = advice ?? RecommendedAction(exception);
            if (action != null || !ReferenceEquals(message, exception.Message))
            {
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = action };
            }

            return record;
        }

        private static string ParameterHint(string? parameter, PSCmdlet? cmdlet)
        {
            if (parameter == null)
            {
                return string.Empty;
            }

            var own = cmdlet == null || cmdlet.MyInvocation.MyCommand.Parameters.ContainsKey(parameter);
            return own ? $" (-{parameter})" : $" (-{parameter} of Connect-PrivacyService)";
        }

        public static ErrorRecord NoSession(string message) =>
            new ErrorRecord(new InvalidOperationException(message), "PrivacyServices.Session.NotConnected", ErrorCategory.InvalidOperation, null)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Run Connect-PrivacyService, or pass a session with -Session." },
            };

        /// <summary>Sessions exist, but none (or more than one, none of them the default) serves the cmdlet's vendor.</summary>
        public static ErrorRecord NoSessionForVendor(string message) =>
            new ErrorRecord(new ArgumentException(message, "Session"), "PrivacyServices.Session.WrongProvider", ErrorCategory.InvalidArgument, null)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Pass -Session <name>, connect to the vendor, or choose the default with Select-PrivacyServiceSession." },
            };

        /// <summary>Work that did not finish in time; its target says what is left, so the user can run the cmdlet again on it.</summary>
        public static ErrorRecord TimedOut(string errorId, string message, object? target) =>
            new ErrorRecord(new TimeoutException(message), errorId, ErrorCategory.OperationTimeout, target);

        /// <summary>Bulk work cut short by a failure it could not report on one item: the message accounts for every item, the target holds the ones not (surely) done.</summary>
        public static ErrorRecord Interrupted(string errorId, string message, Exception cause, object? target) =>
            new ErrorRecord(new InvalidOperationException(Redactor.RedactText(message), cause), errorId, ErrorCategory.InvalidResult, target);

        public static ErrorRecord InvalidOperation(string errorId, string message, object? target) =>
            new ErrorRecord(new InvalidOperationException(message), errorId, ErrorCategory.InvalidOperation, target);

        public static ErrorRecord NotFound(string errorId, string message, object? target) =>
            new ErrorRecord(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, target);

        /// <summary>A local file-system failure (disk full, access denied, a path in use) while writing <paramref name="target"/>.</summary>
        public static ErrorRecord WriteFailed(string errorId, Exception exception, object? target) =>
            new ErrorRecord(exception, errorId, exception is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, target);

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

        /// <summary>What to type, for failures whose remedy is a cmdlet or an environment variable (Core does not know them).</summary>
        private static string? Advice(string errorId)
        {
            switch (errorId)
            {
                case "PrivacyServices.Connect.TenantIdMissing":
                    return "Give -TenantId (the tenant id or domain), or set PRIVACYSERVICES_TENANT_ID.";
                case "PrivacyServices.Session.Disconnected":
                    return "Run Connect-PrivacyService again.";
                case "PrivacyServices.Api.ApiBaseUriMissing":
                    return "Get-PrivacyToken still serves tokens; to call an API, connect again with -ApiBaseUri.";
                default:
                    return null;
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
