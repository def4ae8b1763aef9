using Microsoft.Data.Sqlite;

namespace VoicePay.Skill.Tests.Lifecycle;

/// <summary>
/// Every row of every table of a SQLite file whose any column, read as text, holds a string: how the
/// storage tests prove a person is gone (copied from test/VoicePay.Storage.Tests/SqlitePersonalDataTests.cs).
/// </summary>
internal static class SqliteScan
{
    public static async Task<IReadOnlyList<(string Table, string Content)>> FindAsync(string databasePath, string text)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        var found = new List<(string, string)>();
        foreach (var table in await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';"))
        {
            var columns = await ListAsync(connection, $"SELECT name FROM pragma_table_info('{table}');");
            var content = string.Join(" || '|' || ", columns.Select(c => $"COALESCE(CAST(\"{c}\" AS TEXT), '')"));
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {content} FROM \"{table}\" WHERE instr({content}, $text) > 0;";
            command.Parameters.AddWithValue("$text", text);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add((table, reader.GetString(0)));
            }
        }

        return found;
    }

    private static async Task<List<string>> ListAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
