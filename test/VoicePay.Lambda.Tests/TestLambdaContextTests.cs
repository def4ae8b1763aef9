using VoicePay.Lambda.TestUtilities;

namespace VoicePay.Lambda.Tests;

public sealed class TestLambdaContextTests
{
    [Fact]
    public void Its_logger_keeps_what_a_handler_logged_for_assertions()
    {
        var context = new TestLambdaContext { FunctionName = "voicepay", RemainingTime = TimeSpan.FromSeconds(2) };

        context.Logger.LogWarning("Daily limit reached.");
        context.Logger.LogLine("plain");

        var logger = Assert.IsType<TestLambdaLogger>(context.Logger);
        Assert.Equal([(LambdaLogLevel.Warning, "Daily limit reached.")], logger.Entries);
        Assert.Equal("WARN Daily limit reached.\nplain\n", logger.Buffer.ToString());
        Assert.Equal("voicepay", context.FunctionName);
        Assert.Equal(TimeSpan.FromSeconds(2), context.RemainingTime);
    }
}
