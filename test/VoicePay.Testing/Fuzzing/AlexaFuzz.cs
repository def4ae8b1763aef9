using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VoicePay.Testing.Fuzzing;

/// <summary>One generated request body and how it was made.</summary>
public sealed record FuzzCase(int Index, string Kind, byte[] Body);

/// <summary>
/// Seeded generator of bad Alexa request bodies: hand-picked cases that once caused 500s, then
/// mutations of the real envelopes in <c>events/</c> and the Alexa test fixtures (values replaced by
/// nulls, wrong types, huge numbers, deep nesting; properties removed or added; bytes cut, flipped or
/// made invalid UTF-8). The same seed always gives the same bodies.
/// </summary>
/// <remarks>
/// <c>VOICEPAY_FUZZ_SEED</c> replays a run; <c>VOICEPAY_FUZZ_CASES</c> sets how many random cases
/// each fuzz test runs (docs/testing.md: 100,000 for a long run).
/// </remarks>
public sealed class AlexaFuzz
{
    public const string SeedVariable = "VOICEPAY_FUZZ_SEED";
    public const string CasesVariable = "VOICEPAY_FUZZ_CASES";

    /// <summary>CI's seed, the same base seed the random conversations use: a run is repeatable unless asked otherwise.</summary>
    public const int DefaultSeed = 20261125;

    private static readonly string[] Literals =
    [
        "null", "true", "false", "0", "-1", "1.5", "-0", "1e400", "-1e400", "18446744073709551616",
        "9223372036854775807", "-9223372036854775808", "253402300800", "-62135596801", "253402300800000",
        "99999999999999999999999999999999999999", "\"\"", "\" \"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"",
        "\"IntentRequest\"", "\"LaunchRequest\"", "\"SessionEndedRequest\"", "\"System.ExceptionEncountered\"",
        "\"Connections.Response\"", "\"SessionResumedRequest\"", "\"2026-13-45T99:99:99Z\"", "\"9999-12-31T23:59:59-14:00\"",
        "[]", "{}", "[null]", "{\"type\":null}", "{\"name\":null,\"slots\":null}", "{\"\":{}}",
        "\"AlexaSkillEvent.SkillAccountLinked\"", "\"AlexaSkillEvent.SkillDisabled\"", "\"AlexaSkillEvent.ProactiveSubscriptionChanged\"",
        "\"AlexaSkillEvent.SkillPermissionChanged\"", "[{\"scope\":null},{\"eventName\":7}]",
    ];

    private static readonly string[] Keys =
    [
        "type", "request", "intent", "slots", "name", "value", "timestamp", "sessionId", "userId", "applicationId",
        "session", "context", "System", "resolutions", "resolutionsPerAuthority", "values", "slotValue", "attributes",
        "locale", "requestId", "dialogState", "confirmationStatus", "accessToken", "error", "cause", "",
        "body", "subscriptions", "eventName", "acceptedPermissions", "acceptedPersonPermissions", "scope", "eventCreationTime",
    ];

    private readonly List<(string Name, byte[] Json)> _seeds;

    private AlexaFuzz(int seed, int randomCases, List<(string Name, byte[] Json)> seeds)
    {
        Seed = seed;
        RandomCases = randomCases;
        _seeds = seeds;
    }

    public int Seed { get; }

    public int RandomCases { get; }

    /// <summary>Seed and count from the environment, else <see cref="DefaultSeed"/> and <paramref name="defaultCases"/>.</summary>
    public static AlexaFuzz FromEnvironment(int defaultCases)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s
            : DefaultSeed;
        var cases = int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : defaultCases;
        return Create(seed, cases);
    }

    public static AlexaFuzz Create(int seed, int randomCases)
    {
        var root = RepositoryRoot.Find();
        var files = Directory.GetFiles(Path.Combine(root, "events"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(root, "test", "VoicePay.Alexa.Tests", "Fixtures", "Requests"), "*.json"))
            .Order(StringComparer.Ordinal);
        var seeds = files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        return new AlexaFuzz(seed, randomCases, seeds);
    }

    /// <summary>What to print with a failure: enough to replay it.</summary>
    public string Describe(FuzzCase fuzzCase)
    {
        ArgumentNullException.ThrowIfNull(fuzzCase);
        var shown = fuzzCase.Body.Length <= 2048 ? fuzzCase.Body : fuzzCase.Body[..2048];
        return $"Fuzz case {fuzzCase.Index} ({fuzzCase.Kind}) with seed {Seed}: replay with {SeedVariable}={Seed}. " +
            $"Body ({fuzzCase.Body.Length} bytes, base64{(shown.Length < fuzzCase.Body.Length ? ", first 2048" : string.Empty)}): {Convert.ToBase64String(shown)}";
    }

    /// <summary>
    /// The fixed cases, then <see cref="RandomCases"/> mutations. <paramref name="timestamp"/>, when given,
    /// replaces every seed's request timestamp first (so a verifier's clock check passes and the rest is reached).
    /// </summary>
    public IEnumerable<FuzzCase> Cases(DateTimeOffset? timestamp = null)
    {
        var index = 0;
        foreach (var (kind, body) in FixedCases())
        {
            yield return new FuzzCase(index++, kind, body);
        }

        var random = new Random(Seed);
        var stamp = timestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < RandomCases; i++)
        {
            var (name, json) = _seeds[random.Next(_seeds.Count)];
            var (kind, body) = Mutate(random, name, json, stamp);
            yield return new FuzzCase(index++, kind, body);
        }
    }

    // Every one of these once reached the skill or the host as an exception, or plausibly could.
    private IEnumerable<(string Kind, byte[] Body)> FixedCases()
    {
        var launch = SeedFile("launch.json");
        var intent = SeedFile("send-money.json");
        yield return ("request null", Edit(launch, o => o["request"] = null));
        yield return ("request missing", Edit(launch, o => o.Remove("request")));
        yield return ("request a number", Edit(launch, o => o["request"] = 42));
        yield return ("intent null", Edit(intent, o => o["request"]!["intent"] = null));
        yield return ("intent missing", Edit(intent, o => o["request"]!.AsObject().Remove("intent")));
        yield return ("slots null", Edit(intent, o => o["request"]!["intent"]!["slots"] = null));
        yield return ("a slot null", Edit(intent, o => o["request"]!["intent"]!["slots"]!["Payee"] = null));
        yield return ("intent name null", Edit(intent, o => o["request"]!["intent"]!["name"] = null));
        yield return ("session id empty", Edit(intent, o => o["session"]!["sessionId"] = string.Empty));
        yield return ("user ids empty", Edit(intent, o =>
        {
            o["session"]!["user"]!["userId"] = string.Empty;
            o["context"]!["System"]!["user"]!["userId"] = string.Empty;
        }));
        yield return ("resolutions with nulls", Edit(intent, o => o["request"]!["intent"]!["slots"]!["Payee"]!["resolutions"] =
            JsonNode.Parse("""{"resolutionsPerAuthority":[null,{"status":{"code":"ER_SUCCESS_MATCH"},"values":[null]}]}""")));
        foreach (var epoch in new[] { "1e20", "-1e15", "99999999999999999", "253402300800000", "-62135596801", "1.5", "null", "\"99999999999999999\"" })
        {
            yield return ($"timestamp {epoch}", Edit(launch, o => o["request"]!["timestamp"] = JsonNode.Parse(epoch)));
        }

        // Skill events: no session, and a body whose corners are read by hand.
        var linked = SeedFile("skill-account-linked.json");
        var subscription = SeedFile("proactive-subscription-changed.json");
        var permission = SeedFile("skill-permission-changed.json");
        yield return ("event body null", Edit(linked, o => o["request"]!["body"] = null));
        yield return ("event body a string", Edit(linked, o => o["request"]!["body"] = "accessToken"));
        yield return ("event access token a number", Edit(linked, o => o["request"]!["body"]!["accessToken"] = 42));
        yield return ("event subscriptions an object", Edit(subscription, o => o["request"]!["body"]!["subscriptions"] = JsonNode.Parse("""{"eventName":"AMAZON.MessageAlert.Activated"}""")));
        yield return ("event subscriptions with nulls", Edit(subscription, o => o["request"]!["body"]!["subscriptions"] = JsonNode.Parse("""[null,{"eventName":null},3]""")));
        yield return ("event scopes with nulls", Edit(permission, o => o["request"]!["body"]!["acceptedPermissions"] = JsonNode.Parse("""[null,{"scope":{}},"x"]""")));
        yield return ("event times broken", Edit(linked, o =>
        {
            o["request"]!["eventCreationTime"] = JsonNode.Parse("{}");
            o["request"]!["eventPublishingTime"] = "2026-13-45T99:99:99Z";
        }));
        yield return ("event user missing", Edit(linked, o => o["context"]!["System"]!.AsObject().Remove("user")));

        yield return ("json null", "null"u8.ToArray());
        yield return ("json array", "[]"u8.ToArray());
        yield return ("json number", "42"u8.ToArray());
        yield return ("json string", "\"LaunchRequest\""u8.ToArray());
        yield return ("empty object", "{}"u8.ToArray());
        yield return ("deep arrays", Encoding.ASCII.GetBytes(new string('[', 100_000)));
        yield return ("deep attributes", Deepen(Edit(launch, o => o["session"]!["attributes"] = DeepPlaceholder(55))));
        yield return ("too deep attributes", Deepen(Edit(launch, o => o["session"]!["attributes"] = DeepPlaceholder(5000))));
        yield return ("invalid utf-8 in a string", InsertInString(launch, [0xC3, 0x28]));
        yield return ("invalid utf-8 bytes", [.. launch[..10], 0xFF, 0xFE, .. launch[10..]]);
        yield return ("byte order mark", [0xEF, 0xBB, 0xBF, .. launch]);
        yield return ("truncated", launch[..(launch.Length / 2)]);
    }

    private static (string Kind, byte[] Body) Mutate(Random random, string seedName, byte[] json, string? stamp)
    {
        var kinds = new List<string>();
        var document = JsonNode.Parse(json)!;
        if (stamp is not null && document["request"] is JsonObject request)
        {
            request["timestamp"] = stamp;
        }

        var rounds = 1 + random.Next(3);
        for (var r = 0; r < rounds; r++)
        {
            var nodes = new List<(JsonNode? Parent, string? Key, int Index, string Path)>();
            Collect(document, null, null, -1, "$", nodes);
            var (parent, key, idx, path) = nodes[random.Next(nodes.Count)];
            switch (random.Next(4))
            {
                case 0 or 1:
                    var deep = random.Next(8) == 0 ? random.Next(1, 200) : 0;
                    var literal = random.Next(Literals.Length);
                    kinds.Add(deep > 0 ? $"{path}=<{deep} nested objects>" : $"{path}={Literals[literal]}");
                    var value = deep > 0 ? DeepPlaceholder(deep) : LiteralPlaceholder(literal);
                    if (parent is null)
                    {
                        document = value ?? JsonValue.Create(0);
                    }
                    else if (key is not null)
                    {
                        parent[key] = value;
                    }
                    else
                    {
                        parent[idx] = value;
                    }

                    break;
                case 2 when parent is JsonObject o && key is not null:
                    kinds.Add($"remove {path}");
                    o.Remove(key);
                    break;
                default:
                    var target = FindObject(random, nodes, document);
                    if (target is not null)
                    {
                        var newKey = Keys[random.Next(Keys.Length)];
                        var added = random.Next(Literals.Length);
                        kinds.Add($"set {newKey}={Literals[added]}");
                        target[newKey] = LiteralPlaceholder(added);
                    }

                    break;
            }
        }

        var body = Deepen(Encoding.UTF8.GetBytes(document.ToJsonString()));
        if (random.Next(4) == 0 && body.Length > 2)
        {
            var at = random.Next(body.Length);
            switch (random.Next(5))
            {
                case 0:
                    kinds.Add($"truncate@{at}");
                    body = body[..at];
                    break;
                case 1:
                    kinds.Add($"flip@{at}");
                    body[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    kinds.Add("invalid utf-8");
                    body = InsertInString(body, [0xED, 0xA0, 0x80], random);
                    break;
                case 3:
                    kinds.Add($"nul@{at}");
                    body[at] = 0;
                    break;
                default:
                    kinds.Add("trailing garbage");
                    body = [.. body, .. "}{,"u8];
                    break;
            }
        }

        return ($"{seedName}: {string.Join("; ", kinds)}", body);
    }

    private static JsonObject? FindObject(Random random, List<(JsonNode? Parent, string? Key, int Index, string Path)> nodes, JsonNode document)
    {
        var objects = nodes.Select(n => n.Parent is null ? document : n.Key is not null ? n.Parent[n.Key] : n.Parent[n.Index])
            .OfType<JsonObject>()
            .ToList();
        return objects.Count == 0 ? null : objects[random.Next(objects.Count)];
    }

    private static void Collect(JsonNode? node, JsonNode? parent, string? key, int index, string path, List<(JsonNode?, string?, int, string)> nodes)
    {
        nodes.Add((parent, key, index, path));
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    Collect(child, o, name, -1, $"{path}.{name}", nodes);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Collect(a[i], a, null, i, $"{path}[{i}]", nodes);
                }

                break;
        }
    }

    // Deep nesting and odd literals are spliced in as text after writing: JsonNode refuses to build or
    // write past depth 64, and to write a lone surrogate.
    private static JsonValue DeepPlaceholder(int depth) => JsonValue.Create($"__deep_{depth}__");

    private static JsonValue LiteralPlaceholder(int index) => JsonValue.Create($"__literal_{index}__");

    private static byte[] Deepen(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        foreach (var (marker, expand) in new (string, Func<int, string>)[] { ("\"__deep_", Nested), ("\"__literal_", i => Literals[i]) })
        {
            var start = text.IndexOf(marker, StringComparison.Ordinal);
            while (start >= 0)
            {
                var end = text.IndexOf("__\"", start + marker.Length, StringComparison.Ordinal);
                var number = int.Parse(text.AsSpan(start + marker.Length, end - start - marker.Length), CultureInfo.InvariantCulture);
                text = string.Concat(text.AsSpan(0, start), expand(number), text.AsSpan(end + 3));
                start = text.IndexOf(marker, start, StringComparison.Ordinal);
            }
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static string Nested(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append("{\"a\":");
        }

        text.Append('1');
        text.Append('}', depth);
        return text.ToString();
    }

    private static byte[] InsertInString(byte[] body, byte[] bytes, Random? random = null)
    {
        var quotes = Enumerable.Range(0, body.Length).Where(i => body[i] == (byte)'"').ToList();
        if (quotes.Count == 0)
        {
            return [.. body, .. bytes];
        }

        var at = quotes[random?.Next(quotes.Count) ?? quotes.Count / 2] + 1;
        return [.. body[..at], .. bytes, .. body[at..]];
    }

    private static byte[] Edit(byte[] json, Action<JsonObject> edit)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        edit(document);
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    private byte[] SeedFile(string name) => _seeds.First(s => s.Name == name).Json;
}
