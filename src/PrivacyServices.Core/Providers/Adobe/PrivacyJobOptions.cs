using System;
using System.Collections.Generic;
using System.Linq;
using PrivacyServices.Http;

namespace PrivacyServices.Apis
{
    /// <summary>What every job of one New-PrivacyJob call shares: regulation, actions, products and the optional settings.</summary>
    public sealed class PrivacyJobOptions
    {
        public static readonly IReadOnlyList<string> KnownActions = new[] { "access", "delete" };
        public static readonly IReadOnlyList<string> KnownPriorities = new[] { "normal", "low" };
        public static readonly IReadOnlyList<string> KnownAnalyticsDeleteMethods = new[] { "anonymize", "purge" };

        /// <summary>The product codes Adobe documents; others are sent as given (Adobe adds products), compared case-insensitively.</summary>
        public static readonly IReadOnlyList<string> KnownProducts = new[]
        {
            "analytics", "audienceManager", "adCloud", "profileService", "aepDataLake", "campaign", "target", "CRS", "cjm",
            "marketo", "identity", "marketomeasure", "commerceMarketingData",
        };

        /// <summary>The regulations Adobe documents today (<see cref="Regulations"/>).</summary>
        public static IReadOnlyList<string> KnownRegulations => Regulations.Known;

        /// <summary>The job statuses the list endpoint filters on.</summary>
        public static readonly IReadOnlyList<string> KnownStatuses = new[] { "submitted", "processing", "complete", "error" };

        public PrivacyJobOptions(string regulation, IEnumerable<string> actions, IEnumerable<string> products)
        {
            Regulation = (regulation ?? string.Empty).Trim();
            Actions = Distinct(actions, StringComparer.OrdinalIgnoreCase).Select(a => a.ToLowerInvariant()).ToArray();
            Products = Distinct(products, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The same options for other actions (a user who already has some of the jobs).</summary>
        public PrivacyJobOptions WithActions(IEnumerable<string> actions) =>
            new PrivacyJobOptions(Regulation, actions, Products)
            {
                ExpandIds = ExpandIds,
                Priority = Priority,
                AnalyticsDeleteMethod = AnalyticsDeleteMethod,
                MergePolicyId = MergePolicyId,
            };

        public string Regulation { get; }
        public IReadOnlyList<string> Actions { get; }
        public IReadOnlyList<string> Products { get; }
        public bool? ExpandIds { get; set; }
        public string? Priority { get; set; }
        public string? AnalyticsDeleteMethod { get; set; }
        public string? MergePolicyId { get; set; }

        /// <summary>Throws an InvalidArgument <see cref="PrivacyServiceException"/> naming the parameter that is wrong.</summary>
        public void Validate()
        {
            if (Regulation.Length == 0)
            {
                throw Invalid("RegulationMissing", "Regulation", "Regulation is empty: name the regulation the request is made under (gdpr, ccpa, …).");
            }

            if (Actions.Count == 0)
            {
                throw Invalid("ActionMissing", "Action", "Action is empty: give access, delete or both.");
            }

            var unknownAction = Actions.FirstOrDefault(a => !KnownActions.Contains(a));
            if (unknownAction != null)
            {
                throw Invalid("UnknownAction", "Action", $"Action '{unknownAction}' is not valid: Adobe privacy jobs take access and delete (opt-out-of-sale is a request of its own).");
            }

            if (Products.Count == 0)
            {
                throw Invalid("ProductMissing", "Product", "Product is empty: list the Adobe products to run the jobs in (Analytics, AudienceManager, …).");
            }

            CheckOneOf(Priority, KnownPriorities, "Priority");
            CheckOneOf(AnalyticsDeleteMethod, KnownAnalyticsDeleteMethods, "AnalyticsDeleteMethod");
        }

        private static void CheckOneOf(string? value, IReadOnlyList<string> allowed, string parameter)
        {
            if (value != null && !allowed.Contains(value))
            {
                throw Invalid("Unknown" + parameter, parameter, $"{parameter} '{value}' is not valid: use {string.Join(" or ", allowed)}.");
            }
        }

        private static IReadOnlyList<string> Distinct(IEnumerable<string>? values, StringComparer comparer) =>
            (values ?? Enumerable.Empty<string>()).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(comparer).ToArray();

        private static PrivacyServiceException Invalid(string id, string parameter, string message) =>
            new PrivacyServiceException(PrivacyErrorKind.InvalidArgument, "PrivacyServices.Adobe." + id, message, parameter: parameter);
    }
}
