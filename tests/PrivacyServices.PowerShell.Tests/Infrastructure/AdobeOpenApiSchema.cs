using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Serialization;

namespace PrivacyServices.PowerShell.Tests.Infrastructure;

/// <summary>
/// The request schema of Adobe's POST /jobs, read from the official OpenAPI file (shared/specs): its components.schemas
/// become JSON Schema definitions and NJsonSchema validates bodies against PrivacyJobRequestDetails.
/// </summary>
public static class AdobeOpenApiSchema
{
    public static string SpecPath { get; } = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "specs", "adobe-privacy-service.openapi.yaml"));

    private static readonly Lazy<JsonSchema> JobRequest = new(() => Load("PrivacyJobRequestDetails"));
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Schemas = new();

    /// <summary>The schema violations of a POST /jobs body (empty when it is valid).</summary>
    public static IReadOnlyList<ValidationError> ValidateJobRequest(string json) => JobRequest.Value.Validate(json).ToList();

    /// <summary>The violations of <paramref name="json"/> against the spec's <c>components.schemas.{schemaName}</c> (empty when valid).</summary>
    public static IReadOnlyList<ValidationError> Validate(string schemaName, string json) =>
        Schemas.GetOrAdd(schemaName, Load).Validate(json).ToList();

    private static JsonSchema Load(string schemaName)
    {
        var yaml = File.ReadAllText(SpecPath);
        var document = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        var root = JObject.FromObject(document!);
        var definitions = (JObject)root["components"]!["schemas"]!.DeepClone();
        foreach (var reference in definitions.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref").ToList())
        {
            reference.Value = reference.Value.ToString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        }

        // The spec marks createdDate/lastModifiedDate as date-time, yet its own examples (and Adobe's service) use
        // "04/29/2021 09:53 PM GMT" (shared/design/providers.md): the format is dropped, the string type kept.
        foreach (var format in definitions.Descendants().OfType<JProperty>().Where(p => p.Name == "format" && (string?)p.Value == "date-time").ToList())
        {
            format.Remove();
        }

        var schema = new JObject { ["allOf"] = new JArray(new JObject { ["$ref"] = "#/definitions/" + schemaName }), ["definitions"] = definitions };
        return JsonSchema.FromJsonAsync(schema.ToString()).GetAwaiter().GetResult();
    }
}
