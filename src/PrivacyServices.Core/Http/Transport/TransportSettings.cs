using System;
using System.Collections.Generic;
using System.Net;

namespace PrivacyServices.Http.Transport
{
    /// <summary>
    /// Every transport decision the module makes, in one place, from the runtime it finds (<see cref="RuntimeFacts"/>):
    /// TLS versions, connections per host, Expect: 100-continue, proxy. Pure: <see cref="Decide"/> changes nothing, so
    /// the .NET Framework rules are unit-tested on any machine; <see cref="HttpClients"/> applies the result.
    /// </summary>
    public sealed class TransportSettings
    {
        /// <summary>Enough for parallel runspaces and concurrent batches to one vendor host; .NET Framework's default is 2.</summary>
        public const int ConnectionsPerHost = 32;

        private TransportSettings(SecurityProtocolType protocolsToAdd, int connectionsPerHost, bool tuneServicePoints, ProxySettings proxy, IReadOnlyList<string> notes)
        {
            ProtocolsToAdd = protocolsToAdd;
            ConnectionLimit = connectionsPerHost;
            TuneServicePoints = tuneServicePoints;
            Proxy = proxy;
            Notes = notes;
        }

        /// <summary>
        /// TLS versions to add to the process-wide setting (0 for none). .NET Framework sends only what
        /// <see cref="ServicePointManager.SecurityProtocol"/> allows and HttpClientHandler has no per-handler TLS setting
        /// there, so flags are only ever added, never removed: nothing else in the process loses a version it had.
        /// </summary>
        public SecurityProtocolType ProtocolsToAdd { get; }

        /// <summary>Connections per host the module's handlers may open.</summary>
        public int ConnectionLimit { get; }

        /// <summary>
        /// .NET Framework keeps the connection limit and Expect: 100-continue per host in a ServicePoint: the module sets
        /// them for each host it calls (never process-wide). .NET has neither, so nothing is done there.
        /// </summary>
        public bool TuneServicePoints { get; }

        public ProxySettings Proxy { get; }

        /// <summary>What was decided and why, for -Verbose.</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>Expect: 100-continue costs a round trip per POST and is never sent, on any runtime.</summary>
        public bool ExpectContinue => false;

        public static TransportSettings Decide(RuntimeFacts runtime, ProxySettings? proxy = null)
        {
            if (runtime == null)
            {
                throw new ArgumentNullException(nameof(runtime));
            }

            proxy ??= ProxySettings.System;
            var notes = new List<string>();
            var add = (SecurityProtocolType)0;
            var tuneServicePoints = runtime.Kind == RuntimeKind.NetFramework;
            if (runtime.Kind == RuntimeKind.NetFramework)
            {
                add = ProtocolsMissing(runtime);
                notes.Add(add == 0
                    ? $"TLS: the process allows {Describe(runtime.SecurityProtocol)}; left as it is."
                    : $"TLS: the process allowed {Describe(runtime.SecurityProtocol)}, which the vendors refuse; added {Describe(add)} process-wide (nothing removed).");
                notes.Add($"Connections: up to {ConnectionsPerHost} per vendor host (the .NET Framework default is {runtime.DefaultConnectionLimit}); set per host, not process-wide. Expect: 100-continue is off for those hosts.");
            }

            notes.Add("Proxy: " + proxy + ".");
            return new TransportSettings(add, ConnectionsPerHost, tuneServicePoints, proxy, notes);
        }

        /// <summary>
        /// SystemDefault (0) lets the OS choose, which includes TLS 1.2 on every Windows that runs .NET Framework 4.7.2; an
        /// explicit list (Windows PowerShell 5.1's usual "Ssl3, Tls") gets TLS 1.2, and TLS 1.3 where the OS has it.
        /// </summary>
        private static SecurityProtocolType ProtocolsMissing(RuntimeFacts runtime)
        {
            var current = runtime.SecurityProtocol;
            if (current == 0)
            {
                return 0;
            }

            var missing = (SecurityProtocolType)0;
            if ((current & SecurityProtocolType.Tls12) == 0)
            {
                missing |= SecurityProtocolType.Tls12;
            }

            if (runtime.OsSupportsTls13 && (current & RuntimeFacts.Tls13) == 0)
            {
                missing |= RuntimeFacts.Tls13;
            }

            return missing;
        }

        private static string Describe(SecurityProtocolType protocols)
        {
            if (protocols == 0)
            {
                return "the OS default (SystemDefault)";
            }

            var names = new List<string>();
            if ((protocols & (SecurityProtocolType)48) != 0) names.Add("SSL 3");
            if ((protocols & SecurityProtocolType.Tls) != 0) names.Add("TLS 1.0");
            if ((protocols & SecurityProtocolType.Tls11) != 0) names.Add("TLS 1.1");
            if ((protocols & SecurityProtocolType.Tls12) != 0) names.Add("TLS 1.2");
            if ((protocols & RuntimeFacts.Tls13) != 0) names.Add("TLS 1.3");
            return string.Join(", ", names);
        }
    }
}
