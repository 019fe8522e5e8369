using System;
using System.IO;
using System.IO.Compression;
using PrivacyServices.Http;

namespace PrivacyServices.Downloads
{
    /// <summary>
    /// Unpacks a downloaded archive into a folder of its own, whole or not at all: entries go to a temporary sibling folder
    /// that is renamed into place at the end. An entry whose path would leave the folder ("../", a rooted path) is refused
    /// and nothing is written (a hostile archive must not reach the rest of the disk).
    /// </summary>
    public static class ZipExpander
    {
        public static void Expand(string archivePath, string folder, bool replace, string errorIdPrefix)
        {
            var staging = folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + PartialFile.Suffix;
            var root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
            try
            {
                using (var archive = ZipFile.OpenRead(archivePath))
                {
                    Directory.CreateDirectory(staging);
                    foreach (var entry in archive.Entries)
                    {
                        var target = Path.GetFullPath(Path.Combine(staging, entry.FullName));
                        if (!target.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.FullName))
                        {
                            throw new PrivacyServiceException(
                                PrivacyErrorKind.InvalidResponse,
                                errorIdPrefix + ".ResultArchiveUnsafe",
                                $"The archive holds an entry '{entry.FullName}' that would be written outside its folder; nothing was unpacked (the archive is kept at {archivePath}).");
                        }

                        if (entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal))
                        {
                            Directory.CreateDirectory(target);
                            continue;
                        }

                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        entry.ExtractToFile(target, overwrite: false);
                    }
                }

                if (Directory.Exists(folder) && replace)
                {
                    Directory.Delete(folder, recursive: true);
                }

                Directory.Move(staging, folder);
            }
            catch (InvalidDataException ex)
            {
                throw new PrivacyServiceException(
                    PrivacyErrorKind.InvalidResponse,
                    errorIdPrefix + ".ResultArchiveInvalid",
                    $"The results are not a readable ZIP archive ({ex.Message}); the file is kept at {archivePath}.",
                    innerException: ex);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }
    }
}
