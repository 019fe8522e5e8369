namespace PrivacyServices.Downloads
{
    /// <summary>How far a download is: bytes received so far and the size the server announced, if it did.</summary>
    public sealed class DownloadProgress
    {
        public DownloadProgress(long bytesReceived, long? totalBytes)
        {
            BytesReceived = bytesReceived;
            TotalBytes = totalBytes;
        }

        public long BytesReceived { get; }
        public long? TotalBytes { get; }

        /// <summary>0–100, or -1 when the size is unknown.</summary>
        public int Percent => TotalBytes.HasValue && TotalBytes.Value > 0 ? (int)(BytesReceived * 100 / TotalBytes.Value) : -1;
    }
}
