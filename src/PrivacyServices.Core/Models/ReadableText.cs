using System;
using System.Collections;
using System.Globalization;
using Newtonsoft.Json;

namespace PrivacyServices.Models
{
    /// <summary>
    /// One value as a line of text for a CSV cell or a table: scalars as themselves (invariant culture, times as ISO 8601
    /// UTC), nested lists and objects as compact JSON. Export-Csv writes a property's ToString(), so this is what a list or a
    /// map on an output object turns into there.
    /// </summary>
    internal static class ReadableText
    {
        public static string Of(object? value)
        {
            switch (value)
            {
                case null:
                    return string.Empty;
                case string text:
                    return text;
                case DateTimeOffset time:
                    return time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
                case bool flag:
                    return flag ? "True" : "False";
                case IFormattable formattable when !(value is Enum):
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                case IDictionary _:
                case IEnumerable _ when !HasOwnText(value):
                    return JsonConvert.SerializeObject(value, Formatting.None);
                default:
                    return value.ToString() ?? string.Empty;
            }
        }

        // A list type of this module (ReadableList) already reads well; a plain array or List<T> does not.
        private static bool HasOwnText(object value) => value.GetType().GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType != typeof(object);
    }
}
