namespace VoicePay.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding VoicePay.sln, found upwards from the test binaries.</summary>
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VoicePay.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No VoicePay.sln above {AppContext.BaseDirectory}.");
    }
}
