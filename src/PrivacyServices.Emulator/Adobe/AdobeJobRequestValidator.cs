using System.Text.Json.Nodes;

namespace PrivacyServices.Emulator.Adobe;

/// <summary>A POST /jobs body that passed validation.</summary>
public sealed record AdobeJobRequest(string Regulation, IReadOnlyList<string> Products, IReadOnlyList<AdobeJobRequestUser> Users);

public sealed record AdobeJobRequestUser(string Key, IReadOnlyList<string> Actions, JsonArray UserIds);

/// <summary>
/// Checks a POST /jobs body the way the Privacy Service does (OpenAPI PrivacyJobRequestDetails plus the documented rules):
/// companyContexts naming the caller's IMS org, 1–1000 users, each with a key, actions from access|delete and 1–9 IDs
/// of a known type, a non-empty include list of known products, and a regulation.
/// </summary>
public static class AdobeJobRequestValidator
{
    public const int MaxUsers = 1000;
    public const int MaxIdsPerUser = 9;

    public static readonly IReadOnlySet<string> IdTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "standard", "custom", "integrationCode", "namespaceId", "unregistered", "analytics", "target",
    };

    public static readonly IReadOnlySet<string> Products = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "analytics", "audienceManager", "adCloud", "profileService", "aepDataLake", "campaign", "target", "CRS", "cjm",
        "marketo", "identity", "marketomeasure", "commerceMarketingData",
    };

    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal) { "access", "delete" };

    /// <summary>The request, or the reason it is refused (the text of the 400).</summary>
    public static (AdobeJobRequest? Request, string? Error) Validate(JsonNode? body, string orgId)
    {
        if (body is not JsonObject root)
        {
            return Fail("the body must be a JSON object");
        }

        var contextError = CheckCompanyContexts(root["companyContexts"], orgId);
        if (contextError is not null)
        {
            return Fail(contextError);
        }

        if (root["users"] is not JsonArray users || users.Count == 0)
        {
            return Fail("'users' must be a non-empty array");
        }

        if (users.Count > MaxUsers)
        {
            return Fail($"'users' holds {users.Count} users; at most {MaxUsers} are accepted per request");
        }

        var parsedUsers = new List<AdobeJobRequestUser>();
        for (var i = 0; i < users.Count; i++)
        {
            var (user, error) = CheckUser(users[i], i);
            if (error is not null)
            {
                return Fail(error);
            }

            parsedUsers.Add(user!);
        }

        if (root["include"] is not JsonArray include || include.Count == 0)
        {
            return Fail("'include' must list at least one product");
        }

        var products = new List<string>();
        foreach (var item in include)
        {
            var product = Text(item);
            if (product is null || !Products.Contains(product))
            {
                return Fail($"'include' holds '{product}', which is not a product code the Privacy Service knows");
            }

            products.Add(product);
        }

        var regulation = Text(root["regulation"]);
        if (string.IsNullOrWhiteSpace(regulation))
        {
            return Fail("'regulation' is required");
        }

        var optionError = CheckOption(root, "priority", "normal", "low")
            ?? CheckOption(root, "analyticsDeleteMethod", "anonymize", "purge")
            ?? CheckExpandIds(root["expandIds"]);
        if (optionError is not null)
        {
            return Fail(optionError);
        }

        return (new AdobeJobRequest(regulation, products, parsedUsers), null);
    }

    private static string? CheckCompanyContexts(JsonNode? node, string orgId)
    {
        if (node is not JsonArray contexts || contexts.Count == 0)
        {
            return "'companyContexts' must be a non-empty array";
        }

        foreach (var context in contexts)
        {
            if (context is not JsonObject item || Text(item["namespace"]) is null || Text(item["value"]) is null)
            {
                return "every companyContexts entry needs 'namespace' and 'value'";
            }
        }

        var org = contexts.OfType<JsonObject>().FirstOrDefault(c => string.Equals(Text(c["namespace"]), "imsOrgID", StringComparison.OrdinalIgnoreCase));
        if (org is null)
        {
            return "'companyContexts' must hold the namespace 'imsOrgID'";
        }

        return Text(org["value"]) == orgId
            ? null
            : $"the imsOrgID in companyContexts ('{Text(org["value"])}') is not the organization of the x-gw-ims-org-id header";
    }

    private static (AdobeJobRequestUser? User, string? Error) CheckUser(JsonNode? node, int index)
    {
        if (node is not JsonObject user)
        {
            return (null, $"users[{index}] must be an object");
        }

        var key = Text(user["key"]);
        if (string.IsNullOrEmpty(key))
        {
            return (null, $"users[{index}] has no 'key'");
        }

        if (user["action"] is not JsonArray actions || actions.Count == 0)
        {
            return (null, $"user '{key}' needs a non-empty 'action' array");
        }

        var actionList = new List<string>();
        foreach (var item in actions)
        {
            var action = Text(item);
            if (action is null || !Actions.Contains(action))
            {
                return (null, $"user '{key}' has the action '{action}'; only 'access' and 'delete' are accepted");
            }

            if (actionList.Contains(action))
            {
                return (null, $"user '{key}' lists the action '{action}' twice");
            }

            actionList.Add(action);
        }

        if (user["userIDs"] is not JsonArray ids || ids.Count == 0)
        {
            return (null, $"user '{key}' needs a non-empty 'userIDs' array");
        }

        if (ids.Count > MaxIdsPerUser)
        {
            return (null, $"user '{key}' has {ids.Count} userIDs; at most {MaxIdsPerUser} are accepted per user");
        }

        foreach (var idNode in ids)
        {
            if (idNode is not JsonObject id || string.IsNullOrEmpty(Text(id["namespace"])) || string.IsNullOrEmpty(Text(id["value"])))
            {
                return (null, $"every userIDs entry of user '{key}' needs 'namespace' and 'value'");
            }

            var type = Text(id["type"]);
            if (type is null || !IdTypes.Contains(type))
            {
                return (null, $"user '{key}' has an ID of type '{type}'; accepted types are {string.Join(", ", IdTypes)}");
            }

            if (id["isDeletedClientSide"] is JsonNode deleted && deleted.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
            {
                return (null, $"user '{key}': 'isDeletedClientSide' must be a boolean");
            }
        }

        return (new AdobeJobRequestUser(key, actionList, (JsonArray)ids.DeepClone()), null);
    }

    private static string? CheckOption(JsonObject root, string name, params string[] allowed)
    {
        if (root[name] is null)
        {
            return null;
        }

        var value = Text(root[name]);
        return value is not null && allowed.Contains(value) ? null : $"'{name}' must be one of {string.Join(", ", allowed)}";
    }

    private static string? CheckExpandIds(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var kind = node.GetValueKind();
        if (kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
        {
            return null;
        }

        return Text(node) is "true" or "false" ? null : "'expandIds' must be true or false";
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    private static (AdobeJobRequest?, string?) Fail(string message) => (null, message);
}
