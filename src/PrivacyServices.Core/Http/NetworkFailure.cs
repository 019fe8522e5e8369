using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace PrivacyServices.Http
{
    /// <summary>
    /// Says what went wrong on the network in words an admin can act on: the host, and whether it was DNS, a refused
    /// connection, the TLS handshake, the proxy or a timeout. Reads the exception chain of both runtimes (.NET's
    /// SocketException and AuthenticationException, .NET Framework's WebException status).
    /// </summary>
    public static class NetworkFailure
    {
        public static string Explain(Exception failure, Uri target, TimeSpan timeout, bool timedOut)
        {
            var host = target.IsDefaultPort ? target.Host : target.Host + ":" + target.Port;
            if (timedOut)
            {
                return $"no complete answer from {host} within {Seconds(timeout)} (the request timeout)";
            }

            for (var e = failure; e != null; e = e.InnerException)
            {
                switch (e)
                {
                    case BodyBrokeOffException broke:
                        return broke.Message;
                    case SocketException socket:
                        return ExplainSocket(socket.SocketErrorCode, host) ?? $"the connection to {host} failed: {socket.Message}";
                    case AuthenticationException tls:
                        return $"the TLS handshake with {host} failed ({tls.Message}); the server or a proxy between may need a TLS version or certificate this machine does not accept";
                    case WebException web when ExplainWebStatus(web.Status, host) is string text:
                        return text;
                }

                if (e.Message.IndexOf("407", StringComparison.Ordinal) >= 0 && e.Message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return $"the proxy refused to connect to {host} without credentials (HTTP 407): give the proxy's credential (ProxyCredential), or use the signed-in user's (ProxyUseDefaultCredentials)";
                }
            }

            if (failure is IOException || failure.InnerException is IOException)
            {
                return $"the connection to {host} broke off while the answer was being read";
            }

            return $"the request to {host} failed: {Innermost(failure).Message}";
        }

        /// <summary>Whether <paramref name="failure"/> says the proxy wanted credentials (an HTTPS tunnel refused with 407).</summary>
        public static bool IsProxyAuthentication(Exception failure)
        {
            for (var e = failure; e != null; e = e.InnerException)
            {
                if (e.Message.IndexOf("407", StringComparison.Ordinal) >= 0 && e.Message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static string? ExplainSocket(SocketError error, string host)
        {
            switch (error)
            {
                case SocketError.HostNotFound:
                case SocketError.NoData:
                case SocketError.TryAgain:
                    return $"the host name {host} could not be resolved (DNS): check the spelling, the DNS server, or the proxy";
                case SocketError.ConnectionRefused:
                    return $"{host} refused the connection (nothing listens there, or a firewall refused it)";
                case SocketError.TimedOut:
                    return $"connecting to {host} timed out (a firewall may drop the packets, or a proxy is needed)";
                case SocketError.NetworkUnreachable:
                case SocketError.HostUnreachable:
                    return $"{host} is unreachable from this machine (no route)";
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                    return $"the connection to {host} was reset";
                default:
                    return null;
            }
        }

        private static string? ExplainWebStatus(WebExceptionStatus status, string host)
        {
            switch (status)
            {
                case WebExceptionStatus.NameResolutionFailure:
                    return $"the host name {host} could not be resolved (DNS): check the spelling, the DNS server, or the proxy";
                case WebExceptionStatus.ProxyNameResolutionFailure:
                    return $"the proxy's host name could not be resolved (DNS) on the way to {host}";
                case WebExceptionStatus.ConnectFailure:
                    return $"{host} could not be connected to (refused, or no route)";
                case WebExceptionStatus.SecureChannelFailure:
                case WebExceptionStatus.TrustFailure:
                    return $"the TLS handshake with {host} failed ({status}): TLS 1.2 may be off on this machine, or its certificate is not trusted";
                case WebExceptionStatus.Timeout:
                    return $"connecting to {host} timed out";
                default:
                    return null;
            }
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }

            return e;
        }

        private static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds:0.###} s";
    }
}
