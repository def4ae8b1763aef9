namespace VoicePay.Lambda.Tests;

public sealed class LambdaEnvironmentTests
{
    [Fact]
    public void Reads_the_reserved_variables_Lambda_sets()
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "voicepay",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "12",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "1024",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/voicepay",
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/11/25/[12]0123456789abcdef",
            ["AWS_LAMBDA_LOG_LEVEL"] = "WARN",
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
        };

        var environment = LambdaEnvironment.FromVariables(name => variables.GetValueOrDefault(name));

        Assert.Equal(
            new LambdaEnvironment
            {
                RuntimeApi = "127.0.0.1:9001",
                FunctionName = "voicepay",
                FunctionVersion = "12",
                MemoryLimitInMB = 1024,
                LogGroupName = "/aws/lambda/voicepay",
                LogStreamName = "2026/11/25/[12]0123456789abcdef",
                MinimumLogLevel = LambdaLogLevel.Warning,
                LogFormat = LambdaLogFormat.Json,
            },
            environment);
    }

    [Fact]
    public void Missing_or_malformed_variables_fall_back_to_harmless_defaults()
    {
        var environment = LambdaEnvironment.FromVariables(name => name == "AWS_LAMBDA_FUNCTION_MEMORY_SIZE" ? "lots" : null);

        Assert.Null(environment.RuntimeApi);
        Assert.Equal("$LATEST", environment.FunctionVersion);
        Assert.Equal(0, environment.MemoryLimitInMB);
        Assert.Equal(LambdaLogLevel.Information, environment.MinimumLogLevel);
        Assert.Equal(LambdaLogFormat.Text, environment.LogFormat);
    }

    [Theory]
    [InlineData("JSON", LambdaLogFormat.Json)]
    [InlineData("json", LambdaLogFormat.Json)]
    [InlineData("Text", LambdaLogFormat.Text)]
    [InlineData("xml", LambdaLogFormat.Text)]
    public void The_log_format_is_read_as_Lambda_writes_it(string value, LambdaLogFormat expected)
    {
        var environment = LambdaEnvironment.FromVariables(name => name == "AWS_LAMBDA_LOG_FORMAT" ? value : null);

        Assert.Equal(expected, environment.LogFormat);
    }
}
