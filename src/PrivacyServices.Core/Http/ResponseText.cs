using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PrivacyServices.Http
{
    /// <summary>A response body as text, for readers that go through it once (a page of a long list).</summary>
    public static class ResponseText
    {
        /// <summary>
        /// Reads the whole body without blocking a thread, into chunks small enough to stay off the large-object heap (a page
        /// of consent files is about 400 KB: as one string it would be a large object every page, collected only by full
        /// collections), and returns it decoded as <see cref="HttpContent.ReadAsStringAsync()"/> would decode it: a byte-order
        /// mark first, else the Content-Type charset, else UTF-8. Parsing it then needs no asynchronous reads per token.
        /// </summary>
        public static async Task<TextReader> ReadAsync(HttpContent content, CancellationToken cancellationToken)
        {
            var body = new ChunkedStream();
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                await body.FillAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            return new StreamReader(body, EncodingOf(content), detectEncodingFromByteOrderMarks: true, bufferSize: 4096);
        }

        /// <summary>Decodes the first <paramref name="count"/> bytes as the content's charset says (a byte-order mark wins).</summary>
        public static string Decode(HttpContent content, byte[] bytes, int count)
        {
            using (var reader = new StreamReader(new MemoryStream(bytes, 0, count), EncodingOf(content), detectEncodingFromByteOrderMarks: true))
            {
                return reader.ReadToEnd();
            }
        }

        private static Encoding EncodingOf(HttpContent content)
        {
            var charset = content.Headers.ContentType?.CharSet?.Trim('"', ' ');
            if (!string.IsNullOrEmpty(charset))
            {
                try
                {
                    return Encoding.GetEncoding(charset);
                }
                catch (ArgumentException)
                {
                    // An unknown charset: UTF-8, as for no charset.
                }
            }

            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        /// <summary>A read-once stream over a list of 32 KB chunks.</summary>
        private sealed class ChunkedStream : Stream
        {
            private const int ChunkSize = 32 * 1024;
            private readonly List<byte[]> _chunks = new List<byte[]>();
            private int _lastLength;
            private int _chunk;
            private int _offset;

            public async Task FillAsync(Stream source, CancellationToken cancellationToken)
            {
                var chunk = new byte[ChunkSize];
                var used = 0;
                while (true)
                {
                    var read = await source.ReadAsync(chunk, used, ChunkSize - used, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    used += read;
                    if (used == ChunkSize)
                    {
                        _chunks.Add(chunk);
                        chunk = new byte[ChunkSize];
                        used = 0;
                    }
                }

                _chunks.Add(chunk);
                _lastLength = used;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var copied = 0;
                while (copied < count && _chunk < _chunks.Count)
                {
                    var length = _chunk == _chunks.Count - 1 ? _lastLength : ChunkSize;
                    var available = length - _offset;
                    if (available <= 0)
                    {
                        _chunk++;
                        _offset = 0;
                        continue;
                    }

                    var n = Math.Min(available, count - copied);
                    Buffer.BlockCopy(_chunks[_chunk], _offset, buffer, offset + copied, n);
                    _offset += n;
                    copied += n;
                }

                return copied;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
