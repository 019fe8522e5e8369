using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PrivacyServices.Http;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>Telia Privacy Services: project configuration.</summary>
    public sealed class TeliaProjectsClient
    {
        private static readonly HashSet<string> KnownFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "projectId", "serviceName", "subscriptions", "created", "updated",
        };

        private readonly SessionHttpClient _http;

        public TeliaProjectsClient(SessionHttpClient http) => _http = http;

        public async Task<ProjectInfo> GetProjectInfoAsync(string projectId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(projectId))
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Telia.ProjectIdMissing", "The project id is empty: name the project here or in the session.", parameter: "ProjectId");
            }

            var uri = _http.Resolve(Uri.EscapeDataString(projectId) + "/configurations/projectInfo");
            using (var response = await _http.SendAsync(new ApiRequest(HttpMethod.Get, uri), cancellationToken).ConfigureAwait(false))
            {
                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var fields = PlainJson.ParsePlain(body, "GET projectInfo") as IReadOnlyDictionary<string, object?>
                    ?? throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.Telia.UnexpectedShape", "projectInfo did not return a JSON object.");
                return Read(fields, projectId);
            }
        }

        /// <summary>A project from the answer's fields as <see cref="PlainJson.ParsePlain"/> reads them (names case-insensitive).</summary>
        public static ProjectInfo Read(IReadOnlyDictionary<string, object?> fields, string requestedProjectId)
        {
            var extra = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in fields)
            {
                if (!KnownFields.Contains(field.Key))
                {
                    extra[field.Key] = field.Value;
                }
            }

            return new ProjectInfo(
                Text(fields, "projectId") ?? requestedProjectId,
                Text(fields, "serviceName"),
                Field(fields, "subscriptions") as object?[] ?? Array.Empty<object?>(),
                PlainJson.ReadDateValue(Field(fields, "created")),
                PlainJson.ReadDateValue(Field(fields, "updated")),
                extra);
        }

        private static object? Field(IReadOnlyDictionary<string, object?> fields, string name) =>
            fields.TryGetValue(name, out var value) ? value : null;

        private static string? Text(IReadOnlyDictionary<string, object?> fields, string name) =>
            Field(fields, name) is { } value && !(value is IEnumerable<object?>) && !(value is IDictionary<string, object?>)
                ? Convert.ToString(value, CultureInfo.InvariantCulture)
                : null;
    }
}
