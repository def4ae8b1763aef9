using Microsoft.Data.Sqlite;

namespace VoicePay.Storage.Tests;

/// <summary>A fresh SQLite file in its own temporary folder, removed afterwards.</summary>
public sealed class SqliteDatabaseFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voicepay-storage-" + Guid.NewGuid().ToString("N"));

    public SqliteDatabaseFixture()
    {
        Directory.CreateDirectory(_folder);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "state.db") }.ToString();
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
