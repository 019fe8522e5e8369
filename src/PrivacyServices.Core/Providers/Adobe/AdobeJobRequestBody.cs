using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>Builds the POST /jobs body (OpenAPI schema PrivacyJobRequestDetails).</summary>
    public static class AdobeJobRequestBody
    {
        public static JObject Build(string orgId, PrivacyJobOptions options, IReadOnlyList<PrivacyUser> users)
        {
            var body = new JObject
            {
                ["companyContexts"] = new JArray(new JObject { ["namespace"] = "imsOrgID", ["value"] = orgId }),
                ["users"] = new JArray(users.Select(User)),
                ["include"] = new JArray(options.Products),
            };

            // The spec types expandIds as the string "true"/"false".
            if (options.ExpandIds.HasValue)
            {
                body["expandIds"] = options.ExpandIds.Value ? "true" : "false";
            }

            AddIfSet(body, "priority", options.Priority);
            AddIfSet(body, "analyticsDeleteMethod", options.AnalyticsDeleteMethod);
            AddIfSet(body, "mergePolicyId", options.MergePolicyId);
            body["regulation"] = options.Regulation;
            return body;

            JObject User(PrivacyUser user) => new JObject
            {
                ["key"] = user.Key,
                ["action"] = new JArray(options.Actions),
                ["userIDs"] = new JArray(user.UserIds.Select(Id)),
            };
        }

        private static JObject Id(PrivacyUserId id)
        {
            var json = new JObject { ["namespace"] = id.Namespace, ["value"] = id.Value, ["type"] = id.Type };
            if (id.IsDeletedClientSide.HasValue)
            {
                json["isDeletedClientSide"] = id.IsDeletedClientSide.Value;
            }

            return json;
        }

        private static void AddIfSet(JObject body, string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                body[name] = value;
            }
        }
    }
}
