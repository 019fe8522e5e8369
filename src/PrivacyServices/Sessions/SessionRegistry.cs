using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Sessions
{
    /// <summary>
    /// The sessions of one runspace: the default and the named ones. Kept per runspace, never process-wide, so one
    /// Azure Automation job never sees or disconnects another job's session in the same process.
    /// </summary>
    internal sealed class SessionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, SessionRegistry> ByRunspace = new ConditionalWeakTable<Runspace, SessionRegistry>();
        private static readonly SessionRegistry NoRunspace = new SessionRegistry();

        private readonly Dictionary<string, PrivacyServiceSession> _sessions = new Dictionary<string, PrivacyServiceSession>(StringComparer.OrdinalIgnoreCase);
        private readonly List<PrivacyServiceSession> _connectOrder = new List<PrivacyServiceSession>();
        private readonly object _lock = new object();
        private PrivacyServiceSession? _default;

        /// <summary>The registry of the runspace running the calling cmdlet.</summary>
        public static SessionRegistry Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace == null ? NoRunspace : ByRunspace.GetValue(runspace, _ => new SessionRegistry());
            }
        }

        public PrivacyServiceSession? Default
        {
            get
            {
                lock (_lock)
                {
                    return _default;
                }
            }
        }

        public IReadOnlyList<PrivacyServiceSession> All
        {
            get
            {
                lock (_lock)
                {
                    return _sessions.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
                }
            }
        }

        public PrivacyServiceSession? Find(string name)
        {
            lock (_lock)
            {
                return _sessions.TryGetValue(name, out var session) ? session : null;
            }
        }

        public IReadOnlyList<string> AllNames() => All.Select(s => s.Name).ToList();

        /// <summary>The sessions of one provider, in name order.</summary>
        public IReadOnlyList<PrivacyServiceSession> OfProvider(PrivacyProvider provider) => All.Where(s => s.ProviderKind == provider).ToList();

        public bool IsDefault(PrivacyServiceSession session)
        {
            lock (_lock)
            {
                return ReferenceEquals(_default, session);
            }
        }

        /// <summary>Makes a session of this runspace the default; returns false when this runspace does not hold it.</summary>
        public bool Select(PrivacyServiceSession session)
        {
            lock (_lock)
            {
                if (!_sessions.TryGetValue(session.Name, out var held) || !ReferenceEquals(held, session))
                {
                    return false;
                }

                _default = session;
                return true;
            }
        }

        /// <summary>Stores the session under its name and makes it the default; a session it replaces is disconnected.</summary>
        public void Add(PrivacyServiceSession session)
        {
            PrivacyServiceSession? replaced;
            lock (_lock)
            {
                _sessions.TryGetValue(session.Name, out replaced);
                _sessions[session.Name] = session;
                _connectOrder.RemoveAll(s => string.Equals(s.Name, session.Name, StringComparison.OrdinalIgnoreCase));
                _connectOrder.Add(session);
                _default = session;
            }

            if (replaced != null && !ReferenceEquals(replaced, session))
            {
                replaced.Dispose();
            }
        }

        /// <summary>
        /// Removes the session if this runspace holds it; returns whether it did. When it was the default, the most recently
        /// connected of the remaining sessions becomes the default (as it was before that one was connected).
        /// </summary>
        public bool Remove(PrivacyServiceSession session)
        {
            lock (_lock)
            {
                if (!_sessions.TryGetValue(session.Name, out var held) || !ReferenceEquals(held, session))
                {
                    return false;
                }

                _sessions.Remove(session.Name);
                _connectOrder.Remove(session);
                if (ReferenceEquals(_default, session))
                {
                    _default = _connectOrder.Count == 0 ? null : _connectOrder[_connectOrder.Count - 1];
                }

                return true;
            }
        }
    }
}
