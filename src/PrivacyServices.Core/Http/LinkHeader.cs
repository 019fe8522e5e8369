using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace PrivacyServices.Http
{
    /// <summary>One link of an RFC 8288 <c>Link</c> header: its target (as written, possibly relative) and its parameters.</summary>
    public sealed class LinkValue
    {
        public LinkValue(string target, IReadOnlyDictionary<string, string> parameters)
        {
            Target = target;
            Parameters = parameters;
            Relations = parameters.TryGetValue("rel", out var rel)
                ? rel.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                : Array.Empty<string>();
        }

        /// <summary>The URI-Reference between the angle brackets.</summary>
        public string Target { get; }

        /// <summary>The relation types of the <c>rel</c> parameter (it may hold several, space-separated).</summary>
        public IReadOnlyList<string> Relations { get; }

        /// <summary>The link's parameters by lower-cased name; of a repeated parameter only the first counts (RFC 8288 §3.3).</summary>
        public IReadOnlyDictionary<string, string> Parameters { get; }

        public bool HasRelation(string relation) => Relations.Any(r => string.Equals(r, relation, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Parses RFC 8288 <c>Link</c> headers: <c>&lt;uri&gt;; rel="next"; title="…", &lt;uri2&gt;; rel=prev</c>. Commas and
    /// semicolons inside the brackets or inside quoted strings are data, not separators. A malformed link is skipped, not fatal.
    /// </summary>
    public static class LinkHeader
    {
        public static IReadOnlyList<LinkValue> Parse(string? header)
        {
            var links = new List<LinkValue>();
            if (string.IsNullOrWhiteSpace(header))
            {
                return links;
            }

            var text = header!;
            var i = 0;
            while (i < text.Length)
            {
                SkipSeparators(text, ref i);
                if (i >= text.Length)
                {
                    break;
                }

                if (text[i] != '<')
                {
                    SkipToNextLink(text, ref i);
                    continue;
                }

                var close = text.IndexOf('>', i + 1);
                if (close < 0)
                {
                    break;
                }

                var target = text.Substring(i + 1, close - i - 1).Trim();
                i = close + 1;
                var parameters = ReadParameters(text, ref i);
                if (parameters == null)
                {
                    SkipToNextLink(text, ref i);
                    continue;
                }

                links.Add(new LinkValue(target, parameters));
            }

            return links;
        }

        /// <summary>The first <c>rel="next"</c> target of <paramref name="headerValues"/>, resolved against <paramref name="context"/>
        /// (the URI of the request that was answered), or null when there is none.</summary>
        public static Uri? FindNext(IEnumerable<string> headerValues, Uri context)
        {
            foreach (var link in Parse(string.Join(",", headerValues)))
            {
                if (link.HasRelation("next") && Uri.TryCreate(context, link.Target, out var next))
                {
                    return next;
                }
            }

            return null;
        }

        /// <summary>The next-page URI a response announces in its <c>Link</c> header, or null.</summary>
        public static Uri? FindNext(HttpResponseMessage response, Uri requestUri) =>
            response.Headers.TryGetValues("Link", out var values) ? FindNext(values, requestUri) : null;

        private static Dictionary<string, string>? ReadParameters(string text, ref int i)
        {
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                SkipWhitespace(text, ref i);
                if (i >= text.Length || text[i] == ',')
                {
                    return parameters;
                }

                if (text[i] != ';')
                {
                    return null;
                }

                i++;
                SkipWhitespace(text, ref i);
                var nameStart = i;
                while (i < text.Length && IsTokenChar(text[i]))
                {
                    i++;
                }

                var name = text.Substring(nameStart, i - nameStart).ToLowerInvariant();
                SkipWhitespace(text, ref i);
                var value = string.Empty;
                if (i < text.Length && text[i] == '=')
                {
                    i++;
                    SkipWhitespace(text, ref i);
                    value = i < text.Length && text[i] == '"' ? ReadQuoted(text, ref i) : ReadToken(text, ref i);
                }

                if (name.Length > 0 && !parameters.ContainsKey(name))
                {
                    parameters[name] = value;
                }
            }
        }

        private static string ReadQuoted(string text, ref int i)
        {
            var value = new StringBuilder();
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                value.Append(text[i]);
                i++;
            }

            i = Math.Min(i + 1, text.Length);
            return value.ToString();
        }

        private static string ReadToken(string text, ref int i)
        {
            var start = i;
            while (i < text.Length && text[i] != ';' && text[i] != ',' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return text.Substring(start, i - start);
        }

        /// <summary>Moves past the current (malformed) link to the comma that starts the next one, honouring brackets and quotes.</summary>
        private static void SkipToNextLink(string text, ref int i)
        {
            var quoted = false;
            var bracketed = false;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == '<')
                {
                    bracketed = true;
                }
                else if (c == '>')
                {
                    bracketed = false;
                }
                else if (c == ',' && !bracketed)
                {
                    i++;
                    return;
                }
            }
        }

        private static void SkipSeparators(string text, ref int i)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }
        }

        private static void SkipWhitespace(string text, ref int i)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
        }

        // RFC 7230 tchar, plus '*' for extended parameter names such as title*.
        private static bool IsTokenChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
    }
}
