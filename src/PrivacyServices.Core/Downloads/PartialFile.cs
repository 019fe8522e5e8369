using System;
using System.IO;

namespace PrivacyServices.Downloads
{
    /// <summary>
    /// Where one writer puts a file's bytes before they are complete: <c>{destination}.{unique}.partial</c>, its own, so two
    /// runs saving into one folder (two runbook jobs, or a retry while the first still runs) never write into or delete each
    /// other's partial file. <see cref="Commit"/> renames it over the destination atomically; the last complete copy wins.
    /// </summary>
    public sealed class PartialFile
    {
        public const string Suffix = ".partial";

        public PartialFile(string destinationPath)
        {
            DestinationPath = destinationPath ?? throw new ArgumentNullException(nameof(destinationPath));
            Path = destinationPath + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + Suffix;
        }

        public string DestinationPath { get; }

        /// <summary>This writer's own partial file.</summary>
        public string Path { get; }

        /// <summary>Renames the complete partial file over the destination (an atomic replace when one exists).</summary>
        public void Commit()
        {
            if (File.Exists(DestinationPath))
            {
                File.Replace(Path, DestinationPath, null);
                return;
            }

            try
            {
                File.Move(Path, DestinationPath);
            }
            catch (IOException) when (File.Exists(DestinationPath))
            {
                // Another writer finished first, between the check and the move.
                File.Replace(Path, DestinationPath, null);
            }
        }

        /// <summary>Deletes this writer's partial file, never anyone else's.</summary>
        public void Delete()
        {
            try
            {
                File.Delete(Path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
