using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace PrivacyServices.Models
{
    /// <summary>
    /// A read-only list on an output object that survives the usual pipelines: ConvertTo-Json writes it as an array, and
    /// Export-Csv, which writes ToString(), gets its items joined with "; " instead of "System.String[]".
    /// </summary>
    public sealed class ReadableList<T> : ReadOnlyCollection<T>
    {
        public static readonly ReadableList<T> Empty = new ReadableList<T>(new T[0]);

        private readonly IEnumerable? _shownAs;

        public ReadableList(IEnumerable<T> items)
            : this(items as IList<T> ?? items.ToList(), null)
        {
        }

        /// <param name="items">The items.</param>
        /// <param name="shownAs">What ToString renders instead of the items (their plain form, when the items are PowerShell wrappers of it).</param>
        internal ReadableList(IList<T> items, IEnumerable? shownAs)
            : base(items)
        {
            _shownAs = shownAs;
        }

        public override string ToString() => string.Join("; ", (_shownAs ?? this).Cast<object?>().Select(ReadableText.Of));
    }
}
