using System;
using System.Collections.Generic;
using System.Globalization;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// Checks that users arrive sorted by key, in constant memory, so a key that comes back after its request was sent
    /// can be refused without remembering every key sent. Two orders are accepted, because input is sorted one way or
    /// the other: ordinal (a database, <c>Sort-Object -CaseSensitive</c>, most tools) and the culture's case-insensitive order
    /// (what <c>Sort-Object Key</c> produces). A key passes while at least one order has held for every key so far.
    /// </summary>
    public sealed class SortedKeyGuard
    {
        private readonly CompareInfo _culture;

        /// <summary>The keys equal to the last one in the culture's case-insensitive order (its case variants), seen so far.</summary>
        private readonly HashSet<string> _caseVariants = new HashSet<string>(StringComparer.Ordinal);

        private string? _last;
        private bool _ordinalHolds = true;
        private bool _cultureHolds = true;

        public SortedKeyGuard(CultureInfo culture) => _culture = (culture ?? throw new ArgumentNullException(nameof(culture))).CompareInfo;

        /// <summary>The last key accepted; null before the first.</summary>
        public string? LastKey => _last;

        /// <summary>
        /// Accepts <paramref name="key"/> when it comes after every key so far in an order that has held throughout; false
        /// (and nothing changes) when it breaks both orders, which is how a key that comes back shows itself.
        /// </summary>
        public bool TryAccept(string key)
        {
            if (key == null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (_last == null)
            {
                Accept(key, startsNewRun: true);
                return true;
            }

            var cultureOrder = _culture.Compare(key, _last, CompareOptions.IgnoreCase);
            var ordinalHolds = _ordinalHolds && string.CompareOrdinal(key, _last) > 0;
            var cultureHolds = _cultureHolds && (cultureOrder > 0 || (cultureOrder == 0 && !_caseVariants.Contains(key)));
            if (!ordinalHolds && !cultureHolds)
            {
                return false;
            }

            _ordinalHolds = ordinalHolds;
            _cultureHolds = cultureHolds;
            Accept(key, startsNewRun: cultureOrder != 0);
            return true;
        }

        private void Accept(string key, bool startsNewRun)
        {
            if (startsNewRun)
            {
                _caseVariants.Clear();
            }

            _caseVariants.Add(key);
            _last = key;
        }
    }
}
