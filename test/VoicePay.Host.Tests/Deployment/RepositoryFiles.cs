using System.Reflection;
using System.Text.Json;

namespace VoicePay.Host.Tests.Deployment;

/// <summary>Reads deployment files from the checkout the tests were built in, found by walking up to VoicePay.sln.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static JsonElement ReadJson(string relativePath)
    {
        using var document = JsonDocument.Parse(ReadText(relativePath));
        return document.RootElement.Clone();
    }

    /// <summary>The string constants a class declares, such as the intent names the code dispatches on.</summary>
    public static IReadOnlyList<string> ConstantsOf(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VoicePay.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"VoicePay.sln not found above {AppContext.BaseDirectory}.");
    }
}
