using System.Text.Json;
using System.Text.RegularExpressions;

namespace VoicePay.Host.Tests.Deployment;

public sealed partial class ServerlessTemplateTests
{
    private const string TableResource = "UserStateTable";

    private static readonly string[] ItemLevelDynamoDbActions =
    [
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query",
        "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
    ];

    private static JsonElement Template => RepositoryFiles.ReadJson("serverless.template");

    private static JsonElement TemplateResources => Template.GetProperty("Resources");

    /// <summary>The skill's function; the alert job's is <see cref="AlertsFunction"/> (ServerlessAlertsTemplateTests).</summary>
    private static JsonElement Function => TemplateResources.GetProperty("VoicePayFunction").GetProperty("Properties");

    private static JsonElement AlertsFunction => TemplateResources.GetProperty(nameof(AlertsFunction)).GetProperty("Properties");

    [Fact]
    public void The_template_has_the_skills_function_and_the_alert_jobs_and_no_other()
    {
        Assert.Equal(
            ["AlertsFunction", "VoicePayFunction"],
            TemplateResources.EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == "AWS::Serverless::Function").Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Function_runs_the_native_aot_bootstrap_on_provided_al2023()
    {
        Assert.Equal("AWS::Serverless-2016-10-31", Template.GetProperty("Transform").GetString());
        Assert.Equal("provided.al2023", Function.GetProperty("Runtime").GetString());
        Assert.Equal("bootstrap", Function.GetProperty("Handler").GetString());
        Assert.Equal("Architecture", Function.GetProperty("Architectures").EnumerateArray().Single().GetProperty("Ref").GetString());

        var architecture = Template.GetProperty("Parameters").GetProperty("Architecture");
        Assert.Equal(["arm64", "x86_64"], architecture.GetProperty("AllowedValues").EnumerateArray().Select(value => value.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("x86_64", architecture.GetProperty("Default").GetString());
    }

    [Fact]
    public void Function_logs_JSON_lines_at_INFO_which_the_runtime_reads_from_AWS_LAMBDA_LOG_FORMAT_and_LEVEL()
    {
        var logging = Function.GetProperty("LoggingConfig");

        Assert.Equal("JSON", logging.GetProperty("LogFormat").GetString());
        Assert.Equal("INFO", logging.GetProperty("ApplicationLogLevel").GetString());
        Assert.Equal("INFO", logging.GetProperty("SystemLogLevel").GetString());
    }

    [Fact]
    public void Function_has_active_X_Ray_tracing_whose_header_the_function_reads_from_X_AMZN_TRACE_ID()
    {
        Assert.Equal("Active", Function.GetProperty("Tracing").GetString());
    }

    [Fact]
    public void Function_answers_within_the_eight_seconds_alexa_waits()
    {
        Assert.InRange(Function.GetProperty("Timeout").GetInt32(), 3, 7);
        Assert.InRange(Function.GetProperty("MemorySize").GetInt32(), 256, 2048);
    }

    [Fact]
    public void Only_the_configured_skill_may_invoke_the_function()
    {
        var alexaEvents = Function.GetProperty("Events").EnumerateObject()
            .Where(trigger => trigger.Value.GetProperty("Type").GetString() == "AlexaSkill")
            .ToList();

        var alexa = Assert.Single(alexaEvents);
        Assert.Equal("SkillId", alexa.Value.GetProperty("Properties").GetProperty("SkillId").GetProperty("Ref").GetString());
        Assert.Single(Function.GetProperty("Events").EnumerateObject());
    }

    [Fact]
    public void Code_is_the_zip_the_packaging_script_writes()
    {
        var codeUri = Function.GetProperty("CodeUri").GetString()!;
        var script = RepositoryFiles.ReadText("build/package-lambda.sh");

        Assert.EndsWith(".zip", codeUri, StringComparison.Ordinal);
        Assert.Contains($"\"{codeUri}\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void User_state_table_has_the_key_schema_and_ttl_the_store_uses()
    {
        var table = TemplateResources.GetProperty(TableResource);
        var properties = table.GetProperty("Properties");

        Assert.Equal("AWS::DynamoDB::Table", table.GetProperty("Type").GetString());
        Assert.Equal(
            ["pk:HASH", "sk:RANGE"],
            properties.GetProperty("KeySchema").EnumerateArray().Select(key => $"{key.GetProperty("AttributeName").GetString()}:{key.GetProperty("KeyType").GetString()}"));
        Assert.Equal(
            ["pk:S", "sk:S", "gsi1pk:S", "gsi1sk:S"],
            properties.GetProperty("AttributeDefinitions").EnumerateArray().Select(attribute => $"{attribute.GetProperty("AttributeName").GetString()}:{attribute.GetProperty("AttributeType").GetString()}"));
        // The alerts' sparse index (docs/dynamodb.md), as DynamoDbUserStateTable creates it for tests and local runs.
        var index = Assert.Single(properties.GetProperty("GlobalSecondaryIndexes").EnumerateArray());
        Assert.Equal("gsi1", index.GetProperty("IndexName").GetString());
        Assert.Equal(
            ["gsi1pk:HASH", "gsi1sk:RANGE"],
            index.GetProperty("KeySchema").EnumerateArray().Select(key => $"{key.GetProperty("AttributeName").GetString()}:{key.GetProperty("KeyType").GetString()}"));
        Assert.Equal("ALL", index.GetProperty("Projection").GetProperty("ProjectionType").GetString());
        Assert.Equal("expiresAt", properties.GetProperty("TimeToLiveSpecification").GetProperty("AttributeName").GetString());
        Assert.True(properties.GetProperty("TimeToLiveSpecification").GetProperty("Enabled").GetBoolean());
        Assert.Equal("PAY_PER_REQUEST", properties.GetProperty("BillingMode").GetString());
        Assert.True(properties.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
        Assert.True(properties.GetProperty("SSESpecification").GetProperty("SSEEnabled").GetBoolean());
        Assert.Equal("Retain", table.GetProperty("DeletionPolicy").GetString());
    }

    [Fact]
    public void Every_environment_variable_is_a_documented_configuration_key()
    {
        var documented = DocumentedConfigurationKeys();
        var variables = Function.GetProperty("Environment").GetProperty("Variables");

        Assert.NotEmpty(documented);
        Assert.All(variables.EnumerateObject(), variable => Assert.Contains(variable.Name.Replace("__", ":", StringComparison.Ordinal), documented));
    }

    [Fact]
    public void Environment_points_the_function_at_dynamodb_the_skill_and_the_pepper()
    {
        var variables = Function.GetProperty("Environment").GetProperty("Variables");

        Assert.Equal("SkillId", variables.GetProperty("VoicePay__SkillId").GetProperty("Ref").GetString());
        Assert.Equal("PaymentsApiBaseUrl", variables.GetProperty("VoicePay__Payments__BaseUrl").GetProperty("Ref").GetString());
        Assert.Equal("DynamoDb", variables.GetProperty("VoicePay__Storage__Provider").GetString());
        Assert.Equal(TableResource, variables.GetProperty("VoicePay__Storage__TableName").GetProperty("Ref").GetString());
        Assert.Equal("PinPepperParameterName", variables.GetProperty("VoicePay__Pin__PepperParameterName").GetProperty("Ref").GetString());
        Assert.False(variables.TryGetProperty("VoicePay__Pin__Pepper", out _), "the pepper itself must come from SSM, not a plain environment variable");
    }

    [Fact]
    public void Policies_grant_item_access_to_the_table_read_access_to_the_pepper_and_macs_with_the_pin_key_only()
    {
        var policies = Function.GetProperty("Policies").EnumerateArray().ToList();
        Assert.All(policies, policy => Assert.Equal(JsonValueKind.Object, policy.ValueKind));

        var statements = policies.SelectMany(policy => policy.GetProperty("Statement").EnumerateArray()).SelectMany(Unconditional).ToList();
        Assert.NotEmpty(statements);

        foreach (var statement in statements)
        {
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            var actions = AsList(statement.GetProperty("Action")).Select(action => action.GetString()!).ToList();
            var resource = statement.GetProperty("Resource");
            Assert.All(actions, action => Assert.DoesNotContain("*", action, StringComparison.Ordinal));
            Assert.All(AsList(resource), item => Assert.NotEqual("*", item.ValueKind == JsonValueKind.String ? item.GetString() : null));

            if (actions.Any(action => action.StartsWith("dynamodb:", StringComparison.Ordinal)))
            {
                Assert.All(actions, action => Assert.Contains(action, ItemLevelDynamoDbActions));
                Assert.Equal([TableResource, "Arn"], resource.GetProperty("Fn::GetAtt").EnumerateArray().Select(part => part.GetString()));
            }
            else if (actions.Any(action => action.StartsWith("ssm:", StringComparison.Ordinal)))
            {
                Assert.Equal(["ssm:GetParameter"], actions);
                Assert.EndsWith(":parameter${PinPepperParameterName}", resource.GetProperty("Fn::Sub").GetString(), StringComparison.Ordinal);
            }
            else if (actions.Contains("kms:VerifyMac") || actions.Contains("kms:GenerateMac"))
            {
                Assert.Equal(["kms:GenerateMac", "kms:VerifyMac"], actions);
                Assert.Equal([PinKeyResource, "Arn"], resource.GetProperty("Fn::GetAtt").EnumerateArray().Select(part => part.GetString()));
            }
            else if (actions.Any(action => action.StartsWith("kms:", StringComparison.Ordinal)))
            {
                Assert.Equal(["kms:Decrypt"], actions);
                Assert.Equal("PinPepperKmsKeyArn", resource.GetProperty("Ref").GetString());
                Assert.True(statement.GetProperty("Condition").GetProperty("StringEquals").TryGetProperty("kms:ViaService", out _));
            }
            else
            {
                Assert.Fail($"unexpected permissions: {string.Join(", ", actions)}");
            }
        }
    }

    [Fact]
    public void Pepper_parameter_name_is_a_path_so_its_arn_is_well_formed()
    {
        var pattern = Template.GetProperty("Parameters").GetProperty("PinPepperParameterName").GetProperty("AllowedPattern").GetString()!;

        Assert.Matches(pattern, "/voicepay/pin-pepper");
        Assert.DoesNotMatch(pattern, "voicepay-pin-pepper");
    }

    [Fact]
    public void Outputs_name_the_function_and_the_table()
    {
        var outputs = Template.GetProperty("Outputs");

        Assert.Equal(["VoicePayFunction", "Arn"], outputs.GetProperty("FunctionArn").GetProperty("Value").GetProperty("Fn::GetAtt").EnumerateArray().Select(part => part.GetString()));
        Assert.Equal(TableResource, outputs.GetProperty("UserStateTableName").GetProperty("Value").GetProperty("Ref").GetString());
    }

    /// <summary>Keys from the table in docs/configuration.md, such as VoicePay:Storage:TableName.</summary>
    private static HashSet<string> DocumentedConfigurationKeys() =>
        [.. RepositoryFiles.ReadText("docs/configuration.md").Split('\n')
            .Select(line => ConfigurationRow().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)];

    /// <summary>A statement, or both branches of an Fn::If around one, leaving out AWS::NoValue.</summary>
    private static IEnumerable<JsonElement> Unconditional(JsonElement statement)
    {
        if (!statement.TryGetProperty("Fn::If", out var condition))
        {
            return [statement];
        }

        return condition.EnumerateArray().Skip(1)
            .Where(branch => !(branch.TryGetProperty("Ref", out var reference) && reference.GetString() == "AWS::NoValue"))
            .SelectMany(Unconditional);
    }

    private static List<JsonElement> AsList(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray()] : [element];

    [GeneratedRegex(@"^\|\s*`([A-Za-z]+(?::[A-Za-z]+)+)`\s*\|")]
    private static partial Regex ConfigurationRow();
}
