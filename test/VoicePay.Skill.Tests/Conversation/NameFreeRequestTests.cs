using System.Text.Json;
using Microsoft.Data.Sqlite;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Name-free requests (issue 19, item 6): <c>CanFulfillIntentRequest</c> answered per slot through the whole pipeline
/// (skill-ID check and replay guard), with no bank call, no store row of the skill's own and no speech.
/// </summary>
public sealed class NameFreeRequestTests : IAsyncLifetime
{
    private readonly CountingBank.Counter bankCalls = new();
    private SkillHarness harness = null!;

    public async Task InitializeAsync() =>
        harness = await SkillHarness.StartAsync(
            new Dictionary<string, string?> { ["VoicePay:Limits:PerTransfer"] = "100" },
            decorateBank: (_, inner) => new CountingBank(inner, bankCalls));

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task The_answer_has_Amazons_shape_and_nothing_else()
    {
        var json = await RespondAsync(Request(IntentNames.SendMoney, new() { [SlotNames.Amount] = "20", [SlotNames.Payee] = "alice" }));

        using var document = JsonDocument.Parse(json);
        var response = document.RootElement.GetProperty("response");
        Assert.Equal(["canFulfillIntent"], response.EnumerateObject().Select(p => p.Name));
        var answer = response.GetProperty("canFulfillIntent");
        Assert.Equal("MAYBE", answer.GetProperty("canFulfill").GetString());
        var amount = answer.GetProperty("slots").GetProperty("Amount");
        Assert.Equal("YES", amount.GetProperty("canUnderstand").GetString());
        Assert.Equal("YES", amount.GetProperty("canFulfill").GetString());
        var payee = answer.GetProperty("slots").GetProperty("Payee");
        Assert.Equal("MAYBE", payee.GetProperty("canUnderstand").GetString());
        Assert.Equal("NO", payee.GetProperty("canFulfill").GetString());
    }

    [Theory]
    [InlineData(IntentNames.SendMoney, "Amount=20;Payee=alice", "MAYBE", "Amount:YES/YES;Payee:MAYBE/NO")]
    [InlineData(IntentNames.SendMoney, "Amount=500;Payee=alice", "NO", "Amount:YES/NO;Payee:MAYBE/NO")]
    [InlineData(IntentNames.SendMoney, "Amount=0;Payee=alice", "NO", "Amount:YES/NO;Payee:MAYBE/NO")]
    [InlineData(IntentNames.SendMoney, "Amount=?;Payee=alice", "NO", "Amount:NO/NO;Payee:MAYBE/NO")]
    [InlineData(IntentNames.SendMoney, "Amount=20;Cents=150;Payee=alice", "NO", "Amount:YES/YES;Cents:NO/NO;Payee:MAYBE/NO")]
    [InlineData(IntentNames.SendMoney, "Amount=20;Payee=alice;LastFour=4821", "MAYBE", "Amount:YES/YES;LastFour:YES/NO;Payee:MAYBE/NO")]
    [InlineData(IntentNames.MoveMoney, "MoveAmount=20;FromAccount=savings;ToAccountName=vacation savings", "MAYBE", "FromAccount:YES/NO;MoveAmount:YES/YES;ToAccountName:MAYBE/NO")]
    [InlineData(IntentNames.MoveMoney, "MoveAmount=500;FromLastFour=4821;ToAccount=savings", "NO", "FromLastFour:YES/NO;MoveAmount:YES/NO;ToAccount:YES/NO")]
    [InlineData(IntentNames.MoveMoney, "MoveAmount=20;FromLastFour=12", "NO", "FromLastFour:NO/NO;MoveAmount:YES/YES")]
    [InlineData(IntentNames.CheckBalance, "", "YES", "")]
    [InlineData(IntentNames.CheckBalance, "Account=savings", "MAYBE", "Account:YES/NO")]
    [InlineData(IntentNames.CheckBalance, "AccountName=vacation savings", "MAYBE", "AccountName:MAYBE/NO")]
    [InlineData(IntentNames.RecentTransactions, "Count=5", "YES", "Count:YES/YES")]
    [InlineData(IntentNames.RecentTransactions, "Count=50", "MAYBE", "Count:YES/NO")]
    [InlineData(IntentNames.ListAccounts, "", "YES", "")]
    [InlineData(IntentNames.Spending, "Date=2026-11", "YES", "Date:YES/YES")]
    [InlineData(IntentNames.Spending, "Merchant=corner shop;Date=2026-W48", "MAYBE", "Date:YES/YES;Merchant:MAYBE/YES")]
    [InlineData(IntentNames.MoneyIn, "Date=2099-01", "MAYBE", "Date:YES/NO")]
    [InlineData(IntentNames.LastPayment, "Person=mary", "MAYBE", "Person:MAYBE/YES")]
    [InlineData(IntentNames.Spending, "Date=someday", "NO", "Date:NO/NO")]
    [InlineData(IntentNames.Pin, "Pin=1234", "NO", "Pin:NO/NO")]
    [InlineData(IntentNames.ForgetMe, "", "NO", "")]
    [InlineData(IntentNames.Stop, "", "NO", "")]
    [InlineData("PlaySoundIntent", "Sound=crickets", "NO", "Sound:NO/NO")]
    public async Task Each_slot_is_answered_truthfully(string intent, string slots, string whole, string perSlot)
    {
        var response = AlexaJson.ParseResponse(await RespondAsync(Request(intent, Slots(slots))));

        var answer = response.Response.CanFulfillIntent!;
        Assert.Equal(whole, answer.CanFulfill);
        Assert.Equal(perSlot, string.Join(';', answer.Slots!.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}:{s.Value.CanUnderstand}/{s.Value.CanFulfill}")));
        Assert.Null(response.Response.OutputSpeech);
    }

    [Fact]
    public async Task Without_a_linked_account_nothing_can_be_fulfilled()
    {
        var response = AlexaJson.ParseResponse(await RespondAsync(Request(IntentNames.CheckBalance, [], accessToken: null)));

        Assert.Equal("NO", response.Response.CanFulfillIntent!.CanFulfill);
    }

    [Fact]
    public async Task Answering_calls_no_bank_writes_no_row_of_its_own_and_a_replay_gets_the_same_bytes()
    {
        // A linked person with a conversation under way: the query must leave it, the PIN and the alert link as they are.
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        var callsBefore = bankCalls.Count;
        var rowsBefore = Rows();

        var request = Request(IntentNames.SendMoney, new() { [SlotNames.Amount] = "20", [SlotNames.Payee] = "alice smith" });
        var first = await RespondAsync(request);
        var again = await RespondAsync(request);

        Assert.Equal(callsBefore, bankCalls.Count);
        var rowsAfter = Rows();
        Assert.Equal(rowsBefore.Where(r => r.Key != "handled_requests"), rowsAfter.Where(r => r.Key != "handled_requests"));
        Assert.Equal(rowsBefore["handled_requests"] + 1, rowsAfter["handled_requests"]);
        Assert.Equal(first, again);
        Assert.Equal(0, harness.TransferCount());
        Assert.Equal("Send $20.00 to Alice Smith from your checking account?", Speech.Of(await talk.Intent(IntentNames.Repeat)));
    }

    [Fact]
    public async Task A_request_for_another_skill_is_refused_before_any_answer()
    {
        var request = Request(IntentNames.CheckBalance, []);
        request.Context!.System!.Application!.ApplicationId = "amzn1.ask.skill.someone-else";
        request.Session!.Application!.ApplicationId = "amzn1.ask.skill.someone-else";

        await Assert.ThrowsAsync<SkillRequestRejectedException>(() => harness.Pipeline.RespondAsync(request, CancellationToken.None));
    }

    private static Dictionary<string, string?> Slots(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => (string?)p[1]);

    private static SkillRequest Request(string intent, Dictionary<string, string?> slots, string? accessToken = "demo-alice-token")
    {
        var envelope = Envelopes.Intent(intent, slots, accessToken: accessToken);
        var asked = (IntentRequest)envelope.Request;
        envelope.Request = new CanFulfillIntentRequest { RequestId = asked.RequestId, Timestamp = asked.Timestamp, Locale = asked.Locale, Intent = asked.Intent };
        envelope.Session!.New = true;
        envelope.Session.SessionId = $"amzn1.echo-api.session.{Guid.NewGuid()}";
        return envelope;
    }

    private async Task<byte[]> RespondAsync(SkillRequest request) =>
        await harness.Pipeline.RespondAsync(AlexaJson.ParseRequest(JsonSerializer.SerializeToUtf8Bytes(request, AlexaJsonContext.Default.SkillRequest)), CancellationToken.None);

    /// <summary>Rows in every table of the skill's SQLite store.</summary>
    private Dictionary<string, long> Rows()
    {
        using var connection = new SqliteConnection($"Data Source={harness.DatabasePath};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            rows[table] = (long)count.ExecuteScalar()!;
        }

        return rows;
    }
}

/// <summary>Counts every call to the bank, whatever it is.</summary>
internal sealed class CountingBank(IPaymentsApi inner, CountingBank.Counter counter) : IPaymentsApi
{
    public Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken) =>
        Count(inner.GetCustomerAsync(accessToken, cancellationToken));

    public Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken) =>
        Count(inner.GetAccountsAsync(accessToken, cancellationToken));

    public Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken) =>
        Count(inner.GetPayeesAsync(accessToken, cancellationToken));

    public Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken) =>
        Count(inner.GetTransactionsAsync(accessToken, query, cancellationToken));

    public Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken) =>
        Count(inner.SendTransferAsync(accessToken, transfer, cancellationToken));

    public Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken) =>
        Count(inner.GetTransferAsync(accessToken, transferId, cancellationToken));

    public Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) =>
        Count(inner.FindTransferAsync(accessToken, idempotencyKey, cancellationToken));

    public Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) =>
        Count(inner.SendVerificationCodeAsync(accessToken, idempotencyKey, cancellationToken));

    public Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken) =>
        Count(inner.CheckVerificationCodeAsync(accessToken, codeId, code, idempotencyKey, cancellationToken));

    private Task<T> Count<T>(Task<T> call)
    {
        counter.Increment();
        return call;
    }

    public sealed class Counter
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Increment() => Interlocked.Increment(ref count);
    }
}
