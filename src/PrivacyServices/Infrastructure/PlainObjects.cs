using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
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

        /// <summary>The other way: hashtables, PSCustomObjects and arrays from a script into plain values the core can serialize.</summary>
        public static object? FromPSValue(object? value)
        {
            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject)
                {
                    var map = new Dictionary<string, object?>();
                    foreach (var property in wrapped.Properties)
                    {
                        map[property.Name] = FromPSValue(property.Value);
                    }

                    return map;
                }

                value = wrapped.BaseObject;
            }

            switch (value)
            {
                case null:
                case string _:
                    return value;
                case IDictionary dictionary:
                    var result = new Dictionary<string, object?>();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        result[entry.Key.ToString()!] = FromPSValue(entry.Value);
                    }

                    return result;
                case IEnumerable items:
                    var list = new List<object?>();
                    foreach (var item in items)
                    {
                        list.Add(FromPSValue(item));
                    }

                    return list;
                default:
                    return value;
            }
        }

        /// <summary>Wraps a typed object and adds the fields the API returned beyond its known ones as note properties.</summary>
        public static PSObject WithExtraProperties(object typed, IReadOnlyDictionary<string, object?> extra)
        {
            var wrapped = PSObject.AsPSObject(typed);
            if (extra.Count == 0)
            {
                return wrapped;
            }

            var typedNames = PropertyNames.GetValue(typed.GetType(), NamesOf);
            foreach (var pair in extra)
            {
                if (!typedNames.Contains(pair.Key))
                {
                    wrapped.Properties.Add(new PSNoteProperty(pair.Key, ToPSValue(pair.Value)));
                }
            }

            return wrapped;
        }

        /// <summary>
        /// The public properties of each output type, which an extra field must not shadow (compared as PowerShell does,
        /// ignoring case). Asking the PSObject instead costs a member lookup through the type adapters per field and object.
        /// </summary>
        private static readonly ConditionalWeakTable<Type, HashSet<string>> PropertyNames = new ConditionalWeakTable<Type, HashSet<string>>();

        private static HashSet<string> NamesOf(Type type) =>
            new HashSet<string>(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
    }
}
