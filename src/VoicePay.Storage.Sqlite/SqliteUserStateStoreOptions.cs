namespace VoicePay.Storage.Sqlite;

/// <summary>Where <see cref="SqliteUserStateStore"/> keeps its data.</summary>
public sealed class SqliteUserStateStoreOptions
{
    /// <summary>
    /// A Microsoft.Data.Sqlite connection string, normally a file ("Data Source=state/voicepay.db"); the composition
    /// root builds it from <c>VoicePay:Storage:SqlitePath</c>, whose default lives there. Empty is refused by the store.
    /// A shared in-memory database ("Data Source=name;Mode=Memory;Cache=Shared") also works: the store
    /// keeps one connection open so the database lives as long as the store.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;
}
