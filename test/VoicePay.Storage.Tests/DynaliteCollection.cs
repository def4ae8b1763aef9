using VoicePay.Testing;

namespace VoicePay.Storage.Tests;

/// <summary>One dynalite process for every DynamoDB test class.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
