using System.IO.Compression;
using PrivacyServices.Downloads;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests;

/// <summary>Unpacking results: whole or not at all, and never outside the job's folder.</summary>
public sealed class ZipExpanderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ps-zip-" + Guid.NewGuid().ToString("N"));

    public ZipExpanderTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Archive(params string[] entries)
    {
        var path = Path.Combine(_root, "results.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var name in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write("{\"entry\":\"" + name + "\"}");
        }

        return path;
    }

    [Fact]
    public void Unpacks_every_entry_into_the_folder_and_leaves_no_staging_folder()
    {
        var folder = Path.Combine(_root, "job-1");

        ZipExpander.Expand(Archive("Analytics.json", "sub/AudienceManager.json"), folder, replace: false, "PrivacyServices.Adobe");

        Assert.True(File.Exists(Path.Combine(folder, "Analytics.json")));
        Assert.True(File.Exists(Path.Combine(folder, "sub", "AudienceManager.json")));
        Assert.Equal(new[] { "job-1", "results.zip" }, Directory.GetFileSystemEntries(_root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void An_entry_that_climbs_out_of_the_folder_is_refused_and_nothing_is_written()
    {
        var folder = Path.Combine(_root, "job-2");

        var error = Assert.Throws<PrivacyServiceException>(() => ZipExpander.Expand(Archive("ok.json", "../../escaped.json"), folder, replace: false, "PrivacyServices.Adobe"));

        Assert.Equal("PrivacyServices.Adobe.ResultArchiveUnsafe", error.ErrorId);
        Assert.False(Directory.Exists(folder));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "escaped.json")));
        Assert.Equal(new[] { "results.zip" }, Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_an_invalid_response_error()
    {
        var path = Path.Combine(_root, "not.zip");
        File.WriteAllText(path, "<html>an error page</html>");

        var error = Assert.Throws<PrivacyServiceException>(() => ZipExpander.Expand(path, Path.Combine(_root, "job-3"), replace: false, "PrivacyServices.Adobe"));

        Assert.Equal("PrivacyServices.Adobe.ResultArchiveInvalid", error.ErrorId);
    }
}
