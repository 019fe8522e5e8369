using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security;
using System.Text;
using PrivacyServices.Authentication;

namespace PrivacyServices.Http
{
    /// <summary>
    /// The secret values live sessions know (client secrets, passwords, keys, tokens), in every form a server may echo them
    /// in: as they are, URL-encoded (both ways), JSON-escaped, HTML-escaped and Base64. <see cref="Redactor"/> masks each
    /// wherever it appears, on top of its patterns. Process-wide on purpose: masking another session's secret in a text is
    /// harmless, and every text the module builds is covered without passing a session around.
    /// </summary>
    public static class SecretRegistry
    {
        /// <summary>Shorter values are not registered: masking them would garble ordinary text.</summary>
        public const int MinimumLength = 4;

        private static readonly object Lock = new object();
        private static readonly Dictionary<string, int> Counts = new Dictionary<string, int>(StringComparer.Ordinal);
        private static string[] _snapshot = Array.Empty<string>();

        /// <summary>Every registered form, longest first (so a secret inside a longer one does not break it up).</summary>
        internal static string[] Values => _snapshot;

        /// <summary>A new scope: what it registers is forgotten when it is disposed.</summary>
        public static SecretScope NewScope() => new SecretScope();

        internal static void Add(IEnumerable<string> forms)
        {
            lock (Lock)
            {
                foreach (var form in forms)
                {
                    Counts.TryGetValue(form, out var n);
                    Counts[form] = n + 1;
                }

                Publish();
            }
        }

        internal static void Remove(IEnumerable<string> forms)
        {
            lock (Lock)
            {
                foreach (var form in forms)
                {
                    if (Counts.TryGetValue(form, out var n))
                    {
                        if (n <= 1)
                        {
                            Counts.Remove(form);
                        }
                        else
                        {
                            Counts[form] = n - 1;
                        }
                    }
                }

                Publish();
            }
        }

        /// <summary>The forms a server may echo <paramref name="secret"/> in.</summary>
        internal static IReadOnlyCollection<string> FormsOf(string secret)
        {
            var forms = new HashSet<string>(StringComparer.Ordinal)
            {
                secret,
                Uri.EscapeDataString(secret),
                WebUtility.UrlEncode(secret),
                WebUtility.HtmlEncode(secret),
                JsonEscaped(secret),
                JsonEscapedAscii(secret),
                Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
            };
            forms.RemoveWhere(f => f.Length < MinimumLength);
            return forms;
        }

        private static string JsonEscaped(string value)
        {
            var quoted = Newtonsoft.Json.JsonConvert.ToString(value);
            return quoted.Substring(1, quoted.Length - 2);
        }

        /// <summary>JSON with every non-ASCII and HTML-sensitive character as \uXXXX, as System.Text.Json and others write it.</summary>
        private static string JsonEscapedAscii(string value)
        {
            var builder = new StringBuilder();
            foreach (var c in value)
            {
                if (c > 0x7E || c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == '"' || c == '+' || c == '`' || c == '\\')
                {
                    builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        private static void Publish() => _snapshot = Counts.Keys.OrderByDescending(k => k.Length).ToArray();
    }

    /// <summary>The secrets one session registered; disposing it (Disconnect) forgets them.</summary>
    public sealed class SecretScope : IDisposable
    {
        private readonly object _lock = new object();
        private readonly List<string> _forms = new List<string>();
        private readonly Dictionary<string, Queue<IReadOnlyCollection<string>>> _slots = new Dictionary<string, Queue<IReadOnlyCollection<string>>>(StringComparer.Ordinal);
        private bool _disposed;

        internal SecretScope()
        {
        }

        public void Add(string? secret)
        {
            if (string.IsNullOrEmpty(secret) || secret!.Length < SecretRegistry.MinimumLength)
            {
                return;
            }

            var forms = SecretRegistry.FormsOf(secret);
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _forms.AddRange(forms);
                SecretRegistry.Add(forms);
            }
        }

        public void Add(SecureString? secret)
        {
            if (secret != null && secret.Length >= SecretRegistry.MinimumLength)
            {
                SecretText.Use(secret, plain =>
                {
                    Add(plain);
                    return true;
                });
            }
        }

        /// <summary>An HTTP Basic credential: the header value for the id and secret, as sent with and without form-encoding first.</summary>
        public void AddBasic(string clientId, SecureString? secret)
        {
            if (secret == null)
            {
                return;
            }

            SecretText.Use(secret, plain =>
            {
                Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + plain)));
                Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(WebUtility.UrlEncode(clientId) + ":" + WebUtility.UrlEncode(plain))));
                return true;
            });
        }

        /// <summary>
        /// A value that replaces the one before it in <paramref name="slot"/> (a renewed token): the last two are kept, since a
        /// server may still quote the token it just refused.
        /// </summary>
        public void Remember(string slot, string? secret)
        {
            if (string.IsNullOrEmpty(secret) || secret!.Length < SecretRegistry.MinimumLength)
            {
                return;
            }

            var forms = SecretRegistry.FormsOf(secret);
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                if (!_slots.TryGetValue(slot, out var held))
                {
                    _slots[slot] = held = new Queue<IReadOnlyCollection<string>>();
                }

                held.Enqueue(forms);
                SecretRegistry.Add(forms);
                if (held.Count > 2)
                {
                    SecretRegistry.Remove(held.Dequeue());
                }
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                SecretRegistry.Remove(_forms);
                foreach (var held in _slots.Values)
                {
                    foreach (var forms in held)
                    {
                        SecretRegistry.Remove(forms);
                    }
                }

                _forms.Clear();
                _slots.Clear();
            }
        }
    }
}
