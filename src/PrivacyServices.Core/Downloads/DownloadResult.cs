namespace PrivacyServices.Downloads
{
    /// <summary>A finished download: where the file is, its size, and how many attempts it took.</summary>
    public sealed class DownloadResult
    {
        public DownloadResult(string path, long bytes, int attempts)
        {
            Path = path;
            Bytes = bytes;
            Attempts = attempts;
        }

        public string Path { get; }
        public long Bytes { get; }
        public int Attempts { get; }
    }
}
