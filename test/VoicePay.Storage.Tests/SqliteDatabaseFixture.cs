using Microsoft.Data.Sqlite;

namespace VoicePay.Storage.Tests;

/// <summary>A fresh SQLite file in its own temporary folder, removed afterwards.</summary>
public sealed class SqliteDatabaseFixture : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "voicepay-storage-" + Guid.NewGuid().ToString("N"));

    public SqliteDatabaseFixture()
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "state.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path }.ToString();
    }

    /// <summary>The database file; SQLite keeps its log and index beside it (<c>-wal</c>, <c>-shm</c>).</summary>
    public string Path { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
