using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
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

        private readonly AuthenticatedPipeline _pipeline;

        public TeliaProjectsClient(AuthenticatedPipeline pipeline) => _pipeline = pipeline;

        public async Task<ProjectInfo> GetProjectInfoAsync(string projectId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(projectId))
            {
                throw new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Telia.ProjectIdMissing", "ProjectId is empty: give -ProjectId here or to Connect-PrivacyService.");
            }

            var uri = _pipeline.Resolve(Uri.EscapeDataString(projectId) + "/configurations/projectInfo");
            using (var response = await _pipeline.SendAsync(new ApiRequest(HttpMethod.Get, uri), cancellationToken).ConfigureAwait(false))
            {
                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var json = PlainJson.Parse(body, "GET projectInfo") as JObject
                    ?? throw new PrivacyServiceException(PrivacyErrorKind.InvalidResponse, "PrivacyServices.Telia.UnexpectedShape", "projectInfo did not return a JSON object.");
                return Read(json, projectId);
            }
        }

        public static ProjectInfo Read(JObject json, string requestedProjectId)
        {
            var extra = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in json.Properties())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    extra[property.Name] = PlainJson.ToPlain(property.Value);
                }
            }

            var subscriptions = PlainJson.ToPlain(json.GetValue("subscriptions", StringComparison.OrdinalIgnoreCase)) as object?[] ?? Array.Empty<object?>();
            return new ProjectInfo(
                json.GetValue("projectId", StringComparison.OrdinalIgnoreCase)?.ToString() ?? requestedProjectId,
                json.GetValue("serviceName", StringComparison.OrdinalIgnoreCase)?.ToString(),
                subscriptions,
                PlainJson.ReadDate(json.GetValue("created", StringComparison.OrdinalIgnoreCase)),
                PlainJson.ReadDate(json.GetValue("updated", StringComparison.OrdinalIgnoreCase)),
                extra);
        }
    }
}
