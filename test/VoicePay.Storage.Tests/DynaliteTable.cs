using Amazon.DynamoDBv2;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;

namespace VoicePay.Storage.Tests;

/// <summary>
/// A table of its own on the shared dynalite, for one test, and the clients opened on it: the test class calls
/// <see cref="DisposeClients"/> from its <c>DisposeAsync</c>, after its stores are disposed.
/// </summary>
public sealed class DynaliteTable(DynaliteFixture dynalite)
{
    private readonly List<AmazonDynamoDBClient> _clients = [];

    public DynamoDbStoreOptions Options { get; } = new() { TableName = "VoicePayUserState-" + Guid.NewGuid().ToString("N") };

    public string Name => Options.TableName;

    /// <summary>Creates the table as the template declares it.</summary>
    public Task CreateAsync() => DynamoDbUserStateTable.CreateTableAsync(NewClient(), Options.TableName, CancellationToken.None);

    public AmazonDynamoDBClient NewClient() => Keep(dynalite.CreateClient());

    /// <summary>A client the test made itself, disposed with the others.</summary>
    public AmazonDynamoDBClient Keep(AmazonDynamoDBClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _clients.Add(client);
        return client;
    }

    public void DisposeClients()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
