using Microsoft.Extensions.DependencyInjection;
using VoicePay.Sandbox.Ledger;

namespace VoicePay.DevLoop.Tests;

/// <summary><c>voicepay bank event|events</c> against the real local host: the sandbox's books are the judge.</summary>
public class BankCommandTests
{
    [Fact]
    public async Task Bank_event_raises_each_kind_in_the_running_hosts_sandbox_and_bank_events_reads_them_back()
    {
        using var data = new TempFolder();
        await using var host = await LocalHost.StartAsync(data.Path);
        var ledger = host.App.Services.GetRequiredService<SandboxLedger>();

        var fraud = await Cli.RunAsync(null, "bank", "event", "suspected_fraud", "--data", data.Path);
        Assert.True(fraud.ExitCode == 0, fraud.Error);
        var fraudId = fraud.Output.Split(' ')[0];
        var stored = Assert.Single(ledger.Events());
        Assert.Equal((fraudId, "suspected_fraud", "cust-alice", "950.00", "USD", "Example Store"), (stored.Id, stored.Type, stored.CustomerId, stored.Amount, stored.Currency, stored.Counterparty));
        Assert.Contains("950.00 USD, Example Store, account ••4821", fraud.Output, StringComparison.Ordinal);

        var received = await Cli.RunAsync(null, "bank", "event", "money-received", "--customer", "cust-oliver", "--amount", "12.5", "--counterparty", "Emma Wilson", "--data", data.Path);
        Assert.True(received.ExitCode == 0, received.Error);
        var last = ledger.Events()[^1];
        Assert.Equal((received.Output.Split(' ')[0], "money_received", "cust-oliver", "12.50", "GBP", "Emma Wilson"), (last.Id, last.Type, last.CustomerId, last.Amount, last.Currency, last.Counterparty));

        var list = await Cli.RunAsync(null, "bank", "events", "--data", data.Path);
        Assert.True(list.ExitCode == 0, list.Error);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith(fraudId, lines[0], StringComparison.Ordinal);
        Assert.StartsWith(last.Id, lines[1], StringComparison.Ordinal);
        Assert.Contains("suspected_fraud", lines[0], StringComparison.Ordinal);
        Assert.Contains("12.50 GBP  Emma Wilson  ••2345", lines[1], StringComparison.Ordinal);

        // From the printed cursor nothing is left, until the next event.
        var cursor = lines[2].Split(' ')[1];
        Assert.Single((await Cli.RunAsync(null, "bank", "events", "--after", cursor, "--data", data.Path)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var low = await Cli.RunAsync(null, "bank", "event", "LOW_BALANCE", "--url", host.BaseAddress.AbsoluteUri);
        Assert.True(low.ExitCode == 0, low.Error);
        var next = await Cli.RunAsync(null, "bank", "events", "--after", cursor, "--data", data.Path);
        Assert.StartsWith(low.Output.Split(' ')[0], next.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_kinds_amounts_customers_and_no_host_are_one_line_and_exit_code_2()
    {
        using var data = new TempFolder();
        (await Cli.RunAsync(null, "bank", "event", "bonus", "--data", data.Path)).AssertUserError("Unknown event kind 'bonus'. Kinds: money_received, payment_sent");
        (await Cli.RunAsync(null, "bank", "event", "money_received", "--amount", "12,50", "--data", data.Path)).AssertUserError("--amount must be an amount");
        (await Cli.RunAsync(null, "bank", "event", "suspected_fraud", "--data", data.Path)).AssertUserError("No VoicePay host is running");
        (await Cli.RunAsync(null, "bank", "events", "--data", data.Path)).AssertUserError("No VoicePay host is running");
        (await Cli.RunAsync(null, "bank", "event", "suspected_fraud", "--url", "ftp://x")).AssertUserError("--url must be an http(s) URL");
        (await Cli.RunAsync(null, "bank", "event")).AssertUserError("Required argument missing");

        await using var host = await LocalHost.StartAsync(data.Path);
        (await Cli.RunAsync(null, "bank", "event", "money_received", "--customer", "cust-nobody", "--data", data.Path)).AssertUserError("The sandbox bank refused the event: No such customer");
        Assert.Empty(host.App.Services.GetRequiredService<SandboxLedger>().Events());
    }
}
