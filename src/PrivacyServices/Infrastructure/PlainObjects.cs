using System.Collections.Generic;
using System.Management.Automation;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>Turns the core's plain JSON values (dictionaries, arrays) into PSCustomObjects users can dot into and format.</summary>
    internal static class PlainObjects
    {
        public static object? ToPSValue(object? value)
        {
            switch (value)
            {
                case IDictionary<string, object?> map:
                    var result = new PSObject();
                    foreach (var pair in map)
                    {
                        result.Properties.Add(new PSNoteProperty(pair.Key, ToPSValue(pair.Value)));
                    }

                    return result;
                case object?[] items:
                    var converted = new object?[items.Length];
                    for (var i = 0; i < items.Length; i++)
                    {
                        converted[i] = ToPSValue(items[i]);
                    }

                    return converted;
                default:
                    return value;
            }
        }

        /// <summary>Wraps a typed object and adds the fields the API returned beyond its known ones as note properties.</summary>
        public static PSObject WithExtraProperties(object typed, IReadOnlyDictionary<string, object?> extra)
        {
            var wrapped = PSObject.AsPSObject(typed);
            foreach (var pair in extra)
            {
                if (wrapped.Properties[pair.Key] == null)
                {
                    wrapped.Properties.Add(new PSNoteProperty(pair.Key, ToPSValue(pair.Value)));
                }
            }

            return wrapped;
        }
    }
}
