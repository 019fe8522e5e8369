using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace PrivacyServices.Models
{
    /// <summary>
    /// A read-only name/value map on an output object: ConvertTo-Json writes it as an object, and Export-Csv gets
    /// "name=value; name=value" instead of the dictionary's type name.
    /// </summary>
    public sealed class ReadableMap<TValue> : ReadOnlyDictionary<string, TValue>
    {
        public static readonly ReadableMap<TValue> Empty = new ReadableMap<TValue>(new Dictionary<string, TValue>());

        public ReadableMap(IDictionary<string, TValue> values)
            : base(values)
        {
        }

        public static ReadableMap<TValue> From(IEnumerable<KeyValuePair<string, TValue>> values, IEqualityComparer<string>? comparer = null)
        {
            var copy = new Dictionary<string, TValue>(comparer ?? StringComparer.Ordinal);
            foreach (var pair in values)
            {
                copy[pair.Key] = pair.Value;
            }

            return new ReadableMap<TValue>(copy);
        }

        public override string ToString() => string.Join("; ", this.Select(pair => pair.Key + "=" + ReadableText.Of(pair.Value)));
    }
}
