namespace VoicePay.Lambda.Tests;

/// <summary>Issue 16, item 5 through the Lambda function: a request id delivered twice gets the same bytes and pays once.</summary>
public sealed class FunctionReplayTests
{
    [Fact]
    public async Task Item5_a_replayed_request_id_through_the_function_gets_the_same_bytes_and_pays_once()
    {
        await using var function = await InProcessFunction.StartAsync(pin: "1234");
        Assert.False((await function.InvokeAsync(InProcessFunction.Event("send-money.json"))).IsError);
        Assert.False((await function.InvokeAsync(InProcessFunction.Event("send-money-confirm.json"))).IsError);
        var pin = InProcessFunction.Event("pin.json");

        var first = await function.InvokeAsync(pin);
        var replayed = await function.InvokeAsync(pin);

        Assert.False(first.IsError, first.Body);
        Assert.Contains("Done. I sent $20.00 to Alice Smith.", first.Body, StringComparison.Ordinal);
        Assert.Equal(first.Body, replayed.Body);
        Assert.Equal(1, function.Ledger.Audit().TransferCount);
    }
}
