using System;
using System.Collections.Generic;
using System.Linq;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>
    /// The consent-file filters the list endpoint is not known to take, applied as pages arrive. Text values compare
    /// case-insensitively; dates are exclusive bounds. It also tracks which requested ids are still missing, so a listing
    /// for given ids can stop as soon as all are found.
    /// </summary>
    public sealed class ConsentFileFilter
    {
        private readonly HashSet<Guid>? _ids;
        private readonly HashSet<Guid> _unseen;
        private readonly HashSet<Guid> _unmatched;
        private readonly HashSet<string>? _identifierTypes;
        private readonly HashSet<string>? _requestTypes;

        public ConsentFileFilter(
            IEnumerable<Guid>? ids = null,
            IEnumerable<string>? identifierTypes = null,
            IEnumerable<string>? requestTypes = null,
            DateTimeOffset? createdAfter = null,
            DateTimeOffset? createdBefore = null)
        {
            _ids = ids == null ? null : new HashSet<Guid>(ids);
            _unseen = _ids == null ? new HashSet<Guid>() : new HashSet<Guid>(_ids);
            _unmatched = new HashSet<Guid>(_unseen);
            _identifierTypes = identifierTypes == null ? null : new HashSet<string>(identifierTypes, StringComparer.OrdinalIgnoreCase);
            _requestTypes = requestTypes == null ? null : new HashSet<string>(requestTypes, StringComparer.OrdinalIgnoreCase);
            CreatedAfter = createdAfter;
            CreatedBefore = createdBefore;
        }

        public DateTimeOffset? CreatedAfter { get; }
        public DateTimeOffset? CreatedBefore { get; }

        /// <summary>True when ids were asked for and every one has been listed (ids are unique): later pages cannot add a match.</summary>
        public bool AllIdsSeen => _ids != null && _unseen.Count == 0;

        /// <summary>The requested ids that no file matched so far (absent, or excluded by the other filters).</summary>
        public IReadOnlyCollection<Guid> UnmatchedIds => _unmatched.ToList();

        public bool Matches(ConsentFile file)
        {
            if (_ids != null && !_ids.Contains(file.Id))
            {
                return false;
            }

            _unseen.Remove(file.Id);
            var matches = (_identifierTypes == null || _identifierTypes.Contains(file.IdentifierType))
                && (_requestTypes == null || _requestTypes.Contains(file.RequestType))
                && (!CreatedAfter.HasValue || file.CreatedAt > CreatedAfter.Value)
                && (!CreatedBefore.HasValue || file.CreatedAt < CreatedBefore.Value);
            if (matches)
            {
                _unmatched.Remove(file.Id);
            }

            return matches;
        }
    }
}
