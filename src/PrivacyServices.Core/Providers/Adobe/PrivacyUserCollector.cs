using System;
using System.Collections.Generic;
using System.Linq;
using PrivacyServices.Models;

namespace PrivacyServices.Apis
{
    /// <summary>A user the checks refused, and why: it is never sent.</summary>
    public sealed class RejectedPrivacyUser
    {
        public RejectedPrivacyUser(PrivacyUser user, string errorId, string parameter, string message)
        {
            User = user;
            ErrorId = errorId;
            Parameter = parameter;
            Message = message;
        }

        public PrivacyUser User { get; }

        /// <summary>The input column (parameter) that was wrong: Key, Namespace, Value or Type.</summary>
        public string Parameter { get; }
        public string ErrorId { get; }
        public string Message { get; }
    }

    /// <summary>
    /// Gathers identity rows (Key, Namespace, Value, Type) into users: rows with the same key (ordinal) become one user
    /// with several IDs, in first-seen order; an identical repeated row adds nothing. Then checks each user as Adobe
    /// would (1–9 IDs, namespace and value present, a known type) and splits the valid ones into requests.
    /// </summary>
    public sealed class PrivacyUserCollector
    {
        public const int MaxIdsPerUser = 9;
        public const string DefaultType = "standard";

        private readonly Dictionary<string, List<PrivacyUserId>> _idsByKey = new Dictionary<string, List<PrivacyUserId>>(StringComparer.Ordinal);
        private readonly List<string> _keys = new List<string>();

        public int RowCount { get; private set; }

        /// <summary>Rows that repeated an ID the user already had.</summary>
        public int DuplicateRowCount { get; private set; }

        public int UserCount => _keys.Count;

        /// <summary>Whether a row with this key has been added since the last <see cref="Clear"/>.</summary>
        public bool Contains(string key) => _idsByKey.ContainsKey(key.Trim());

        /// <summary>Forgets the users gathered so far (after they were sent); the row counts keep running.</summary>
        public void Clear()
        {
            _idsByKey.Clear();
            _keys.Clear();
        }

        /// <summary>Adds one row; a blank type means <c>standard</c>. Checks come later, per user, in <see cref="Build"/>.</summary>
        public void Add(string key, string? @namespace, string? value, string? type)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("A user needs a key.", nameof(key));
            }

            RowCount++;
            key = key.Trim();
            var trimmedType = type?.Trim();
            var id = new PrivacyUserId(
                @namespace?.Trim() ?? string.Empty,
                value?.Trim() ?? string.Empty,
                string.IsNullOrEmpty(trimmedType) ? DefaultType : PrivacyUserId.CanonicalType(trimmedType) ?? trimmedType!);
            if (!_idsByKey.TryGetValue(key, out var ids))
            {
                ids = new List<PrivacyUserId>();
                _idsByKey.Add(key, ids);
                _keys.Add(key);
            }

            if (ids.Any(existing => existing.SameAs(id)))
            {
                DuplicateRowCount++;
                return;
            }

            ids.Add(id);
        }

        /// <summary>The users that pass the checks, in first-seen order, and those that do not.</summary>
        public (IReadOnlyList<PrivacyUser> Valid, IReadOnlyList<RejectedPrivacyUser> Rejected) Build()
        {
            var valid = new List<PrivacyUser>();
            var rejected = new List<RejectedPrivacyUser>();
            foreach (var key in _keys)
            {
                var user = new PrivacyUser(key, _idsByKey[key].ToArray());
                var problem = Check(user);
                if (problem == null)
                {
                    valid.Add(user);
                }
                else
                {
                    rejected.Add(problem);
                }
            }

            return (valid, rejected);
        }

        /// <summary>Consecutive requests of at most <paramref name="size"/> users each.</summary>
        public static IReadOnlyList<IReadOnlyList<PrivacyUser>> Batch(IReadOnlyList<PrivacyUser> users, int size = AdobePrivacyJobsClient.MaxUsersPerRequest)
        {
            if (size < 1 || size > AdobePrivacyJobsClient.MaxUsersPerRequest)
            {
                throw new ArgumentOutOfRangeException(nameof(size), $"A request holds 1 to {AdobePrivacyJobsClient.MaxUsersPerRequest} users.");
            }

            var batches = new List<IReadOnlyList<PrivacyUser>>();
            for (var start = 0; start < users.Count; start += size)
            {
                batches.Add(users.Skip(start).Take(size).ToArray());
            }

            return batches;
        }

        private static RejectedPrivacyUser? Check(PrivacyUser user)
        {
            if (user.UserIds.Count > MaxIdsPerUser)
            {
                return new RejectedPrivacyUser(
                    user,
                    "PrivacyServices.Adobe.TooManyUserIds",
                    "Key",
                    $"User '{user.Key}' has {user.UserIds.Count} IDs, but Adobe accepts at most {MaxIdsPerUser} per user; it was not submitted. Drop IDs or split them over several keys.");
            }

            var incomplete = user.UserIds.FirstOrDefault(id => id.Namespace.Length == 0 || id.Value.Length == 0);
            if (incomplete != null)
            {
                var missing = incomplete.Namespace.Length == 0 ? "Namespace" : "Value";
                return new RejectedPrivacyUser(
                    user,
                    "PrivacyServices.Adobe.UserIdIncomplete",
                    missing,
                    $"User '{user.Key}' has an ID with an empty {missing}; it was not submitted. Every ID needs Namespace and Value.");
            }

            var unknown = user.UserIds.FirstOrDefault(id => PrivacyUserId.CanonicalType(id.Type) == null);
            if (unknown != null)
            {
                return new RejectedPrivacyUser(
                    user,
                    "PrivacyServices.Adobe.UnknownUserIdType",
                    "Type",
                    $"User '{user.Key}' has an ID of type '{unknown.Type}', which is not one of {string.Join(", ", PrivacyUserId.KnownTypes)}; it was not submitted. Fix Type.");
            }

            return null;
        }
    }
}
