using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacyServices.Emulator.Adobe;
using PrivacyServices.Emulator.Infrastructure;

namespace PrivacyServices.Emulator.Endpoints;

/// <summary>
/// Adobe Experience Platform Privacy Service: the IMS token endpoint (<c>/adobe/ims/token/v3</c>) and the privacy-job API
/// under <c>/adobe/data/core/privacy</c>, behind a gateway that checks the token, <c>x-api-key</c> and <c>x-gw-ims-org-id</c>
/// like Adobe's. Controls for tests in another process are under <c>/_emulator/adobe/</c>.
/// </summary>
public static class AdobeEndpoints
{
    public const string ApiBase = "/adobe/data/core/privacy";

    private static readonly HashSet<string> KnownScopes = new(StringComparer.Ordinal)
    {
        "openid", "AdobeID", "read_organizations", "additional_info.projectedProductContext", "additional_info.roles",
        "additional_info.job_function", "session", "profile", "email", "read_pc", "read_pc.dma_tartan",
    };

    public static void Map(IEndpointRouteBuilder app, EmulatorState state)
    {
        var adobe = state.Adobe;

        app.MapPost("/adobe/ims/token/v3", (HttpRequest request) => IssueTokenAsync(request, state)).WithMetadata(TokenEndpoint.Marker);
        app.MapPost("/adobe/ims/token/v2", (HttpRequest request) => IssueTokenAsync(request, state)).WithMetadata(TokenEndpoint.Marker);

        app.MapPost(ApiBase + "/jobs", async (HttpRequest request) =>
        {
            var refused = Gateway(request, state, out var caller);
            if (refused is not null)
            {
                return refused;
            }

            state.Counters.Increment("adobe.jobs.post");
            if (adobe.TakePostFailure() is int injected)
            {
                return InjectedFailure(injected);
            }

            if (!request.HasJsonContentType())
            {
                return Problem(415, "PRVCY-1000-415", "Unsupported Media Type", "POST /jobs takes Content-Type: application/json");
            }

            string text;
            using (var reader = new StreamReader(request.Body, Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync();
            }

            JsonNode? body;
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException ex)
            {
                return Problem(400, "PRVCY-1000-400", "Bad Request", "the body is not valid JSON: " + ex.Message);
            }

            var (job, error) = AdobeJobRequestValidator.Validate(body, caller.OrgId);
            if (job is null)
            {
                return Problem(400, "PRVCY-1000-400", "Bad Request", error!);
            }

            var requestId = NewRequestId(state.Time.GetUtcNow());
            var now = state.Time.GetUtcNow();
            var created = new List<AdobeJob>();
            var answer = new JsonArray();
            foreach (var user in job.Users)
            {
                foreach (var action in user.Actions)
                {
                    var stored = new AdobeJob(adobe.NextSequence(), Guid.NewGuid().ToString(), requestId, user.Key, action, job.Regulation, caller.ClientId + "@techacct.adobe.com", user.UserIds, job.Products, now);
                    created.Add(stored);
                    answer.Add(new JsonObject
                    {
                        ["jobId"] = stored.JobId,
                        ["customer"] = new JsonObject { ["user"] = new JsonObject { ["key"] = user.Key, ["action"] = new JsonArray(action), ["userIDs"] = user.UserIds.DeepClone() } },
                    });
                }
            }

            adobe.Accept(text, created);
            return Json(new JsonObject
            {
                [adobe.SpecSpelling ? "jobDetails" : "jobs"] = answer,
                ["requestStatus"] = 1,
                ["totalRecords"] = created.Count,
                ["requestId"] = requestId,
            }, 202);
        });

        app.MapGet(ApiBase + "/jobs/{jobId}", (string jobId, HttpRequest request) =>
        {
            var refused = Gateway(request, state, out _);
            if (refused is not null)
            {
                return refused;
            }

            state.Counters.Increment("adobe.jobs.get");
            var snapshot = adobe.Poll(jobId, state.Time.GetUtcNow());
            return snapshot is null
                ? Problem(404, "PRVCY-1404-404", "Not Found", $"no job with the id '{jobId}' exists in this organization")
                : Json(JobDocument(snapshot, request, adobe.SpecSpelling));
        });

        app.MapGet(ApiBase + "/jobs", (HttpRequest request) =>
        {
            var refused = Gateway(request, state, out _);
            if (refused is not null)
            {
                return refused;
            }

            state.Counters.Increment("adobe.jobs.list");
            return ListJobs(request, state);
        });

        // Opt-out of sale (PrivacySaleConsentResource in the OpenAPI): 202 with no body when the body is valid.
        app.MapPost(ApiBase + "/consent", async (HttpRequest request) =>
        {
            var refused = Gateway(request, state, out _);
            if (refused is not null)
            {
                return refused;
            }

            state.Counters.Increment("adobe.consent.post");
            if (!request.HasJsonContentType())
            {
                return Problem(415, "PRVCY-1000-415", "Unsupported Media Type", "POST /consent takes Content-Type: application/json");
            }

            string text;
            using (var reader = new StreamReader(request.Body, Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync();
            }

            var invalid = OptOutProblem(text);
            if (invalid is not null)
            {
                return Problem(400, "PRVCY-1000-400", "Bad Request", invalid);
            }

            adobe.AcceptOptOut(text);
            return Results.StatusCode(202);
        });

        app.MapGet(ApiBase + "/jobs/{jobId}/content", (string jobId, HttpRequest request) =>
        {
            var refused = Gateway(request, state, out _);
            if (refused is not null)
            {
                return refused;
            }

            state.Counters.Increment("adobe.jobs.content");
            var job = adobe.Find(jobId);
            if (job is null || job.Status != AdobeJobStatus.Complete || job.Action != "access")
            {
                return Problem(404, "PRVCY-1404-404", "Not Found", $"job '{jobId}' has no access data to download");
            }

            return Results.File(AccessArchive(job), "application/zip", jobId + ".zip");
        });

        MapControls(app, state);
    }

    private static async Task<IResult> IssueTokenAsync(HttpRequest request, EmulatorState state)
    {
        var oauth = await OAuthRequest.ReadAsync(request);
        if (oauth is null)
        {
            return OAuthResults.Error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
        }

        state.Counters.Increment("adobe.token");
        if (oauth.GrantType != "client_credentials")
        {
            return OAuthResults.Error(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }

        // IMS reads the client from the form body only.
        if (oauth.ClientAuthentication != "body" || string.IsNullOrEmpty(oauth.ClientSecret))
        {
            return OAuthResults.Error(400, "invalid_request", "missing client_id or client_secret parameter");
        }

        if (!state.Clients.IsValid("adobe", oauth.ClientId, oauth.ClientSecret))
        {
            return OAuthResults.Error(400, "invalid_client", state.Clients.IsKnown("adobe", oauth.ClientId) ? "invalid client_secret parameter" : "invalid client_id parameter");
        }

        var scope = oauth["scope"];
        if (string.IsNullOrWhiteSpace(scope))
        {
            return OAuthResults.Error(400, "invalid_scope", "scope parameter is required");
        }

        var unknown = scope.Split(',').FirstOrDefault(s => !KnownScopes.Contains(s));
        if (unknown is not null)
        {
            return OAuthResults.Error(400, "invalid_scope", $"invalid scope ({unknown}); scopes are comma-separated");
        }

        var lifetime = state.Lifetime("adobe");
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = state.Tokens.Issue("adobe", oauth.ClientId!, "access", lifetime, scope, ImsClaims(oauth.ClientId!, lifetime, state.Time.GetUtcNow())),
            ["token_type"] = "bearer",
            ["expires_in"] = (long)lifetime.TotalSeconds,
        });
    }

    /// <summary>
    /// The claims IMS puts in its access tokens: <c>created_at</c> and <c>expires_in</c> are milliseconds as strings, and
    /// Adobe's own client library (aio-lib-ims) reads them to cache the token.
    /// </summary>
    private static Dictionary<string, object?> ImsClaims(string clientId, TimeSpan lifetime, DateTimeOffset now) => new()
    {
        ["type"] = "access_token",
        ["client_id"] = clientId,
        ["created_at"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        ["expires_in"] = ((long)lifetime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The checks Adobe's API gateway makes before the Privacy Service sees a request; null when the call may pass.</summary>
    private static IResult? Gateway(HttpRequest request, EmulatorState state, out AdobeCaller caller)
    {
        caller = new AdobeCaller(string.Empty, string.Empty);
        var apiKey = Header(request, "x-api-key");
        var orgId = Header(request, "x-gw-ims-org-id");
        state.Adobe.Record(new AdobeApiCall(request.Method, request.Path, apiKey, orgId));
        state.Counters.Increment("adobe.api");
        request.HttpContext.Response.Headers["x-request-id"] = Guid.NewGuid().ToString("N");

        var token = OAuthResults.BearerToken(request);
        if (string.IsNullOrEmpty(token))
        {
            return GatewayError(403, "403010", "Oauth token is missing.");
        }

        var claims = state.Tokens.Validate(token, "adobe", "access");
        if (claims is null)
        {
            return GatewayError(401, "401013", "Oauth token is not valid");
        }

        if (string.IsNullOrEmpty(apiKey))
        {
            return GatewayError(403, "403000", "Api Key is required");
        }

        var clientId = (string?)claims["sub"] ?? string.Empty;
        if (!string.Equals(apiKey, clientId, StringComparison.Ordinal))
        {
            return GatewayError(403, "403003", "Api Key is invalid");
        }

        if (string.IsNullOrEmpty(orgId))
        {
            return GatewayError(400, "400003", "Missing header");
        }

        caller = new AdobeCaller(clientId, orgId);
        return null;
    }

    private static IResult ListJobs(HttpRequest request, EmulatorState state)
    {
        var query = request.Query;
        var regulation = query["regulation"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(regulation))
        {
            return Problem(400, "PRVCY-1000-400", "Bad Request", "the query parameter 'regulation' is required");
        }

        if (!TryInt(query["page"].FirstOrDefault(), 0, out var page) || page < 0)
        {
            return Problem(400, "PRVCY-1000-400", "Bad Request", "'page' must be a whole number from 0");
        }

        if (!TryInt(query["size"].FirstOrDefault(), 100, out var size) || size < 1 || size > 1000)
        {
            return Problem(400, "PRVCY-1000-400", "Bad Request", "'size' must be between 1 and 1000");
        }

        var status = query["status"].FirstOrDefault();
        if (status is not null && !AdobeJobStatus.All.Contains(status))
        {
            return Problem(400, "PRVCY-1000-400", "Bad Request", $"'status' must be one of {string.Join(", ", AdobeJobStatus.All)}");
        }

        var now = state.Time.GetUtcNow();
        var fromText = query["fromDate"].FirstOrDefault();
        var toText = query["toDate"].FirstOrDefault();
        DateTimeOffset from, to;
        if (fromText is null && toText is null)
        {
            from = now.AddDays(-7);
            to = now.AddSeconds(1);
        }
        else if (fromText is null || toText is null)
        {
            return Problem(400, "PRVCY-1000-400", "Bad Request", "'fromDate' and 'toDate' must be given together");
        }
        else if (!TryDate(fromText, out from) || !TryDate(toText, out to))
        {
            return Problem(400, "PRVCY-1000-400", "Bad Request", "'fromDate' and 'toDate' take the format YYYY-MM-DD");
        }
        else if (to < from || to - from > TimeSpan.FromDays(30) || from < now.UtcDateTime.Date.AddDays(-45))
        {
            return Problem(400, "PRVCY-1000-400", "Bad Request", "the date range must span at most 30 days and start within the last 45 days");
        }
        else
        {
            to = to.AddDays(1);
        }

        var matching = state.Adobe.List(regulation, status, from, to, now);
        var details = new JsonArray();
        var shown = matching.Skip(page * size).Take(size).ToArray();
        state.Adobe.CountReads(shown.Select(s => s.Job), now);
        foreach (var snapshot in shown)
        {
            details.Add(BasicDocument(snapshot));
        }

        return Json(new JsonObject { ["totalRecords"] = matching.Count, ["jobDetails"] = details });
    }

    private static JsonObject BasicDocument(AdobeJobSnapshot snapshot) => new()
    {
        ["jobId"] = snapshot.Job.JobId,
        ["requestId"] = snapshot.Job.RequestId,
        ["userKey"] = snapshot.Job.UserKey,
        ["action"] = snapshot.Job.Action,
        ["status"] = snapshot.Status,
        ["submittedBy"] = snapshot.Job.SubmittedBy,
        ["createdDate"] = AdobeJob.FormatDate(snapshot.Job.Created),
        ["lastModifiedDate"] = AdobeJob.FormatDate(snapshot.LastModified),
    };

    private static JsonObject JobDocument(AdobeJobSnapshot snapshot, HttpRequest request, bool specSpelling)
    {
        var job = snapshot.Job;
        var document = BasicDocument(snapshot);
        document["userIds"] = job.UserIds.DeepClone();
        var responses = new JsonArray();
        foreach (var product in job.Products)
        {
            responses.Add(ProductResponse(product, snapshot));
        }

        document["productResponses"] = responses;
        if (snapshot.Status == AdobeJobStatus.Complete && job.Action == "access")
        {
            var url = $"{request.Scheme}://{request.Host}{ApiBase}/jobs/{job.JobId}/content";
            document[specSpelling ? "downloadUrl" : "downloadURL"] = url;
        }

        document["regulation"] = job.Regulation;
        return document;
    }

    /// <summary>
    /// A product's answer. PRVCY-6000-200 (finished) is the code Adobe documents; the codes of the other states are
    /// the emulator's own, in the same pattern.
    /// </summary>
    private static JsonObject ProductResponse(string product, AdobeJobSnapshot snapshot)
    {
        var (status, message, code, detail) = snapshot.Status switch
        {
            AdobeJobStatus.Complete => ("complete", "Success", "PRVCY-6000-200", "Finished successfully."),
            AdobeJobStatus.Processing => ("processing", "Processing", "PRVCY-5000-200", "The product is processing the request."),
            AdobeJobStatus.Error => ("error", "Error", "PRVCY-7000-500", "The product could not process the request."),
            _ => ("queued", "Queued", "PRVCY-1000-200", "The request is queued for the product."),
        };
        var response = new JsonObject
        {
            ["product"] = product,
            ["retryCount"] = 0,
            ["processedDate"] = AdobeJob.FormatDate(snapshot.LastModified),
            ["productStatusResponse"] = new JsonObject
            {
                ["status"] = status,
                ["message"] = message,
                ["responseMsgCode"] = code,
                ["responseMsgDetail"] = detail,
            },
        };
        if (snapshot.Status == AdobeJobStatus.Complete)
        {
            ((JsonObject)response["productStatusResponse"]!)["results"] = new JsonObject { ["qualifiedRecords"] = 1 };
        }

        return response;
    }

    /// <summary>Why an opt-out body is refused (the spec's PrivacySaleConsentResource), or null when it is valid.</summary>
    private static string? OptOutProblem(string text)
    {
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return "the body is not JSON";
        }

        if (body is null || body["optOutOfSale"] is not JsonValue optOut || optOut.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
        {
            return "'optOutOfSale' (true or false) is required";
        }

        if (body["entities"] is not JsonArray entities || entities.Count == 0)
        {
            return "'entities' must be a non-empty array";
        }

        foreach (var entity in entities)
        {
            if (entity?["nameSpace"] is not JsonValue ns || string.IsNullOrWhiteSpace(ns.ToString()))
            {
                return "each entity needs a 'nameSpace'";
            }

            if (entity["values"] is not JsonArray values || values.Count == 0 || values.Any(v => v is not JsonValue))
            {
                return $"entity '{ns}' needs a non-empty 'values' array of strings";
            }

            if (values.Select(v => v!.ToString()).Distinct(StringComparer.Ordinal).Count() != values.Count)
            {
                return $"the values of entity '{ns}' must be unique";
            }
        }

        return null;
    }

    /// <summary>The access results of a complete access job: one JSON file per product (what both download routes serve).</summary>
    public static byte[] AccessArchive(AdobeJob job)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var product in job.Products)
            {
                var entry = zip.CreateEntry(product + ".json");
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(new JsonObject { ["userKey"] = job.UserKey, ["product"] = product, ["userIds"] = job.UserIds.DeepClone() }.ToJsonString());
            }
        }

        return buffer.ToArray();
    }

    private static void MapControls(IEndpointRouteBuilder app, EmulatorState state)
    {
        // POST /_emulator/adobe/options?specSpelling=true&pollsPerStep=2
        app.MapPost("/_emulator/adobe/options", (bool? specSpelling, int? pollsPerStep, double? stepSeconds) =>
        {
            state.Adobe.SpecSpelling = specSpelling ?? state.Adobe.SpecSpelling;
            state.Adobe.PollsPerStep = Math.Max(1, pollsPerStep ?? state.Adobe.PollsPerStep);
            if (stepSeconds is { } seconds)
            {
                state.Adobe.StepSeconds = seconds > 0 ? seconds : null;
            }

            return Results.Json(new { specSpelling = state.Adobe.SpecSpelling, pollsPerStep = state.Adobe.PollsPerStep, stepSeconds = state.Adobe.StepSeconds });
        });

        // POST /_emulator/adobe/fail-posts?count=1&status=500&after=1: let `after` POST /jobs through, then fail `count`.
        app.MapPost("/_emulator/adobe/fail-posts", (int count, int status, int? after) =>
        {
            state.Adobe.FailPosts(count, status, after ?? 0);
            return Results.NoContent();
        });

        // POST /_emulator/adobe/jobs/{jobId}/status?value=error
        app.MapPost("/_emulator/adobe/jobs/{jobId}/status", (string jobId, string value) =>
            !AdobeJobStatus.All.Contains(value)
                ? Results.BadRequest(new { message = $"value must be one of {string.Join(", ", AdobeJobStatus.All)}" })
                : state.Adobe.SetStatus(jobId, value, state.Time.GetUtcNow()) ? Results.NoContent() : Results.NotFound());

        // GET /_emulator/adobe/requests: every accepted POST /jobs body, in order.
        app.MapGet("/_emulator/adobe/requests", () =>
            Json(new JsonArray(state.Adobe.AcceptedPosts.Select(body => (JsonNode?)JsonNode.Parse(body)).ToArray())));
    }

    private static IResult InjectedFailure(int status) => status switch
    {
        400 => Problem(400, "PRVCY-1000-400", "Bad Request", "the request was refused (failure injected by the emulator)"),
        429 => Problem(429, "PRVCY-1030-429", "Too Many Requests", "the submission volume exceeds the monitored limit (failure injected by the emulator)"),
        _ => Json(new JsonObject { ["title"] = "Internal service error", ["status"] = status, ["detail"] = "Internal service error (failure injected by the emulator)" }, status),
    };

    private static IResult GatewayError(int status, string code, string message) =>
        Json(new JsonObject { ["error_code"] = code, ["message"] = message }, status);

    /// <summary>Experience Platform's error shape: the code is the last segment of <c>type</c>.</summary>
    private static IResult Problem(int status, string code, string title, string detail) =>
        Json(new JsonObject
        {
            ["type"] = "http://ns.adobe.com/aep/errors/" + code,
            ["title"] = title + " - " + detail,
            ["status"] = status,
            ["report"] = new JsonObject { ["detailedMessage"] = detail },
        }, status);

    private static IResult Json(JsonNode node, int status = 200) =>
        Results.Content(node.ToJsonString(), "application/json", Encoding.UTF8, status);

    private static string? Header(HttpRequest request, string name)
    {
        var value = request.Headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static bool TryInt(string? text, int fallback, out int value)
    {
        if (text is null)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryDate(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    /// <summary>Like Adobe's: milliseconds, five digits, "RX-", three digits (for example 15700479082313109RX-899).</summary>
    private static string NewRequestId(DateTimeOffset now) =>
        $"{now.ToUnixTimeMilliseconds()}{Random.Shared.Next(10000, 99999)}RX-{Random.Shared.Next(100, 999)}";

    private sealed record AdobeCaller(string ClientId, string OrgId);
}
