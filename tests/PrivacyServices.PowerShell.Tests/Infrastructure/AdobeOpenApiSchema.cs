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

    /// <summary>The schema violations of a POST /jobs body (empty when it is valid).</summary>
    public static IReadOnlyList<ValidationError> ValidateJobRequest(string json) => JobRequest.Value.Validate(json).ToList();

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

        var schema = new JObject { ["$ref"] = "#/definitions/" + schemaName, ["definitions"] = definitions };
        return JsonSchema.FromJsonAsync(schema.ToString()).GetAwaiter().GetResult();
    }
}
