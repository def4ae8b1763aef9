namespace VoicePay.Host.Tests.Deployment;

/// <summary>The alert job's function: the same bootstrap on a schedule, with only the extra rights it needs.</summary>
public sealed partial class ServerlessTemplateTests
{
    [Fact]
    public void The_alert_job_runs_the_same_bootstrap_as_the_alerts_handler_on_a_schedule()
    {
        Assert.Equal("provided.al2023", AlertsFunction.GetProperty("Runtime").GetString());
        Assert.Equal(Function.GetProperty("CodeUri").GetString(), AlertsFunction.GetProperty("CodeUri").GetString());

        // Program.cs picks the alert job when _HANDLER (the function's Handler) is "alerts".
        Assert.Equal("alerts", AlertsFunction.GetProperty("Handler").GetString());
        Assert.Contains("public const string HandlerName = \"alerts\";", RepositoryFiles.ReadText("src/VoicePay.Function/AlertsFunction.cs"), StringComparison.Ordinal);
        var trigger = Assert.Single(AlertsFunction.GetProperty("Events").EnumerateObject()).Value;
        Assert.Equal("ScheduleV2", trigger.GetProperty("Type").GetString());
        Assert.Equal("AlertSchedule", trigger.GetProperty("Properties").GetProperty("ScheduleExpression").GetProperty("Ref").GetString());
        Assert.Equal(1, AlertsFunction.GetProperty("ReservedConcurrentExecutions").GetInt32());
        Assert.Equal("Active", AlertsFunction.GetProperty("Tracing").GetString());
        Assert.Equal("AlertsConfigured", TemplateResources.GetProperty(nameof(AlertsFunction)).GetProperty("Condition").GetString());
    }

    [Fact]
    public void The_alert_job_is_enabled_and_its_secrets_come_from_ssm()
    {
        var variables = AlertsFunction.GetProperty("Environment").GetProperty("Variables");
        var documented = DocumentedConfigurationKeys();

        Assert.All(variables.EnumerateObject(), variable => Assert.Contains(variable.Name.Replace("__", ":", StringComparison.Ordinal), documented));
        Assert.Equal("true", variables.GetProperty("VoicePay__AlertDelivery__Enabled").GetString());
        Assert.Equal("AlexaClientSecretParameterName", variables.GetProperty("VoicePay__Alerts__ClientSecretParameterName").GetProperty("Ref").GetString());
        Assert.Equal("BankEventsServiceKeyParameterName", variables.GetProperty("VoicePay__BankEvents__ServiceKeyParameterName").GetProperty("Ref").GetString());
        foreach (var secret in new[] { "VoicePay__Alerts__ClientSecret", "VoicePay__BankEvents__ServiceKey", "VoicePay__Pin__Pepper" })
        {
            Assert.False(variables.TryGetProperty(secret, out _), $"{secret} must come from SSM, not a plain environment variable");
        }

        // The skill's own function never gets the alert job's secrets or switch.
        var skill = Function.GetProperty("Environment").GetProperty("Variables");
        Assert.DoesNotContain(skill.EnumerateObject(), v => v.Name.StartsWith("VoicePay__Alerts__", StringComparison.Ordinal) || v.Name.StartsWith("VoicePay__BankEvents__", StringComparison.Ordinal) || v.Name.StartsWith("VoicePay__AlertDelivery__", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_alert_job_may_query_the_index_and_read_the_alert_secrets()
    {
        var statements = AlertsFunction.GetProperty("Policies").EnumerateArray().SelectMany(p => p.GetProperty("Statement").EnumerateArray()).ToList();
        foreach (var statement in statements)
        {
            var actions = AsList(statement.GetProperty("Action")).Select(a => a.GetString()!).ToList();
            Assert.All(actions, action => Assert.DoesNotContain("*", action, StringComparison.Ordinal));
            var resources = AsList(statement.GetProperty("Resource"));
            if (actions.SequenceEqual(["ssm:GetParameter"]))
            {
                Assert.Equal(
                    ["${AlexaClientSecretParameterName}", "${BankEventsServiceKeyParameterName}", "${PinPepperParameterName}"],
                    resources.Select(r => r.GetProperty("Fn::Sub").GetString()!.Split(":parameter")[1]).Order(StringComparer.Ordinal));
            }
            else if (resources.Single().TryGetProperty("Fn::Sub", out var index))
            {
                Assert.Equal(["dynamodb:Query"], actions);
                Assert.Equal("${UserStateTable.Arn}/index/gsi1", index.GetString());
            }
            else
            {
                Assert.All(actions, action => Assert.Contains(action, ItemLevelDynamoDbActions));
                Assert.Equal([TableResource, "Arn"], resources.Single().GetProperty("Fn::GetAtt").EnumerateArray().Select(part => part.GetString()));
            }
        }

        var skillResources = Function.GetProperty("Policies").EnumerateArray().SelectMany(p => p.GetProperty("Statement").EnumerateArray()).SelectMany(Unconditional)
            .SelectMany(s => AsList(s.GetProperty("Resource"))).Select(r => r.GetRawText()).ToList();
        Assert.DoesNotContain(skillResources, r => r.Contains("index", StringComparison.Ordinal) || r.Contains("AlexaClientSecret", StringComparison.Ordinal) || r.Contains("BankEventsServiceKey", StringComparison.Ordinal));
    }
}
