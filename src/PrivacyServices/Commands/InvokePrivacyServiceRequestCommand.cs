using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using PrivacyServices.Apis;
using PrivacyServices.Http;
using PrivacyServices.PowerShell.Infrastructure;

namespace PrivacyServices.PowerShell.Commands
{
    /// <summary>
    /// The escape hatch: any method and path on the session's API. The session adds authentication, provider headers,
    /// retries and error handling; JSON answers come back as objects.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "PrivacyServiceRequest", HelpUri = HelpLinks.Cmdlets + "Invoke-PrivacyServiceRequest.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokePrivacyServiceRequestCommand : ApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? Uri { get; set; }

        [Parameter(Position = 1)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>A string is sent as is; any other object (hashtable, PSCustomObject, array) as JSON.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? Body { get; set; }

        [Parameter]
        [ValidateNotNull]
        public IDictionary? Headers { get; set; }

        /// <summary>The media type of -Body (default application/json).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? ContentType { get; set; }

        /// <summary>Saves the answer's body to this file (whole, or not at all) instead of writing it to the pipeline.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>The name of a variable that receives the response headers (a dictionary of string arrays).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? ResponseHeadersVariable { get; set; }

        /// <summary>The name of a variable that receives the HTTP status code.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoFileNamesCompleter))]
        public string? StatusCodeVariable { get; set; }

        protected override void ProcessRecord()
        {
            var client = CreateClient(s => new GenericApiClient(s.Http));
            System.Uri target;
            try
            {
                target = client.Resolve(Uri!);
            }
            catch (PrivacyServiceException ex)
            {
                WriteError(ErrorRecords.From(ex, Uri, this));
                return;
            }

            var method = Method.ToUpperInvariant();
            if (method != "GET" && method != "HEAD" && !ShouldProcess(Redactor.RedactUri(target), method))
            {
                return;
            }

            var body = PlainObjects.FromPSValue(Body);
            var headers = ToHeaders(Headers);
            var outFile = OutFile == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            if (!TryRun(ct => client.SendAsync(method, target, body, ContentType, headers, outFile, ct), Uri, out var response))
            {
                return;
            }

            WriteVerbose($"{method} {Redactor.RedactUri(target)} answered {response.StatusCode} ({response.ContentType ?? "no content type"}, {response.Length:N0} bytes).");
            SetVariables(response);
            if (response.SavedTo != null)
            {
                WriteVerbose($"Saved the answer to {response.SavedTo}.");
            }
            else if (response.IsJson)
            {
                WriteObject(PlainObjects.ToPSValue(response.Json), enumerateCollection: true);
            }
            else if (response.Bytes != null)
            {
                WriteObject(response.Bytes, enumerateCollection: false);
            }
            else if (response.Body.Length > 0)
            {
                WriteObject(response.Body);
            }
        }

        private void SetVariables(ApiResponse response)
        {
            if (StatusCodeVariable != null)
            {
                SessionState.PSVariable.Set(StatusCodeVariable, response.StatusCode);
            }

            if (ResponseHeadersVariable != null)
            {
                var headers = new Hashtable(StringComparer.OrdinalIgnoreCase);
                foreach (var header in response.Headers)
                {
                    headers[header.Key] = header.Value;
                }

                SessionState.PSVariable.Set(ResponseHeadersVariable, headers);
            }
        }

        private static IReadOnlyDictionary<string, string>? ToHeaders(IDictionary? headers)
        {
            if (headers == null)
            {
                return null;
            }

            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in headers)
            {
                result[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!] = Convert.ToString(PSObject.AsPSObject(entry.Value).BaseObject, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }

            return result;
        }
    }
}
