using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Sandbox.Ledger;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.Speech;
using VoicePay.Skill.State;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;
using Xunit.Abstractions;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Long random conversations, drawn from every intent (bank alerts and "forget me" too), with right and
/// wrong PINs, retried requests, two processes, restarts, bank faults and store faults, against the real composition, the sandbox
/// bank on loopback and the SQLite store. After every turn the promises are checked against the
/// bank's ledger and the stores (see <see cref="ConversationFuzzer"/>).
/// Replay one failure: VOICEPAY_FUZZ_SEED=&lt;printed seed&gt; VOICEPAY_CONVERSATIONS=1.
/// A long run: VOICEPAY_CONVERSATIONS=100000 dotnet test test/VoicePay.Skill.Tests --filter RandomConversationTests.
/// </summary>
public sealed class RandomConversationTests(ITestOutputHelper output, DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task Seeded_random_conversations_with_faults_keep_every_promise_on_sqlite()
    {
        var fuzzer = new ConversationFuzzer(output, () => Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>()));
        await fuzzer.RunAsync(ConversationFuzzer.Count(1000));
    }

    [Fact]
    public async Task Seeded_random_conversations_with_faults_keep_every_promise_on_dynamodb()
    {
        var fuzzer = new ConversationFuzzer(output, async () =>
        {
            var table = "VoicePayFuzz-" + Guid.NewGuid().ToString("N");
            using var client = dynalite.CreateClient();
            await DynamoDbUserStateTable.CreateTableAsync(client, table, CancellationToken.None);
            return new Dictionary<string, string?>
            {
                ["VoicePay:Storage:Provider"] = "DynamoDb",
                ["VoicePay:Storage:TableName"] = table,
                ["VoicePay:Storage:ServiceUrl"] = dynalite.ServiceUrl,
            };
        });

        // dynalite is slower than a SQLite file: a fifth as many conversations, with another seed.
        await fuzzer.RunAsync(ConversationFuzzer.Count(1000) / 5, seedOffset: 1_000_000);
    }
}

internal sealed class ConversationFuzzer(ITestOutputHelper output, Func<Task<IReadOnlyDictionary<string, string?>>> storeSettings)
{
    private const int ConversationsPerBank = 50;
    private const string RightPin = SkillHarness.DemoPin;
    private static readonly string[] WrongPins = ["1111", "4321", "9999", "0000"];
    private static readonly string?[] Amounts = ["20", "5", "12", "99", "100", "150", "0", null, "3"];
    private static readonly string?[] Payees = ["alice smith", "alice", "john miller", "mom", "the bakery", "zebediah", null, "alice jones"];
    private static readonly Regex ReadBack = new(@"Send \$([\d,]+\.\d\d) to (.+?) from (?:your \w+ account|[^?]+?, ending in \d{4})\?", RegexOptions.CultureInvariant);
    private static readonly Regex Sent = new(@"I sent \$([\d,]+\.\d\d) to (.+?)\. Reference ending (\w+)\.", RegexOptions.CultureInvariant);

    public static int BaseSeed => int.TryParse(Environment.GetEnvironmentVariable("VOICEPAY_FUZZ_SEED"), out var seed) ? seed : 20261125;

    public static int Count(int byDefault) => int.TryParse(Environment.GetEnvironmentVariable("VOICEPAY_CONVERSATIONS"), out var count) ? count : byDefault;

    public async Task RunAsync(int conversations, int seedOffset = 0)
    {
        var baseSeed = BaseSeed + seedOffset;
        output.WriteLine($"Base seed {baseSeed}, {conversations} conversations (set VOICEPAY_FUZZ_SEED to change).");
        var turns = 0;
        var tally = new Tally();
        for (var first = 0; first < conversations; first += ConversationsPerBank)
        {
            var bankFaults = new BankFaults();
            var storeFaults = new StoreFaults();
            var settings = new Dictionary<string, string?>(await storeSettings())
            {
                ["VoicePay:Limits:PerTransfer"] = "100",
                ["VoicePay:Limits:Daily"] = "150",
            };
            await using var harness = await SkillHarness.StartAsync(
                settings,
                decorateBank: (_, inner) => new FaultyBank(inner, bankFaults),
                configure: storeFaults.Install);
            var world = new World(harness, bankFaults, storeFaults, tally);
            try
            {
                for (var i = first; i < Math.Min(conversations, first + ConversationsPerBank); i++)
                {
                    turns += await new Run(world, baseSeed + i, BaseSeed + i).PlayAsync();
                }
            }
            finally
            {
                await world.DisposeAsync();
            }
        }

        output.WriteLine($"{turns} turns, every promise kept ({tally.AlertsHeard} alert readings, {tally.Forgotten} people forgotten, {tally.NamedAccountReadBacks} read-backs from a named account).");
    }

    /// <summary>How often the rarer promises were put to the test, so a run that never reaches them shows it.</summary>
    private sealed class Tally
    {
        public int AlertsHeard { get; set; }

        public int Forgotten { get; set; }

        public int NamedAccountReadBacks { get; set; }
    }

    /// <summary>The bank, the stores and two processes of the skill, shared by a batch of conversations.</summary>
    private sealed class World(SkillHarness harness, BankFaults bankFaults, StoreFaults storeFaults, Tally tally) : IAsyncDisposable
    {
        public Tally Tally { get; } = tally;

        public SkillHarness Harness { get; } = harness;

        public BankFaults BankFaults { get; } = bankFaults;

        public StoreFaults StoreFaults { get; } = storeFaults;

        public ServiceProvider[] Processes { get; } = [harness.NewProcess(), harness.NewProcess()];

        public async Task RestartAsync(int index)
        {
            await Processes[index].DisposeAsync();
            Processes[index] = Harness.NewProcess();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in Processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    private enum Act
    {
        Launch,
        SendMoney,
        CorrectAmount,
        CorrectPayee,
        ConfirmedIntent,
        DeniedIntent,
        YesIntent,
        NoIntent,
        RightPin,
        WrongPin,
        GarbledPin,
        Repeat,
        Help,
        Fallback,
        Cancel,
        Stop,
        Balance,
        Transactions,
        Ordinal,
        Replay,
        ReadAlerts,
        ForgetMe,

        // Accounts by name or last four (issue 19, item 1).
        ListAccounts,
        BalanceByName,
        PayFromNamedAccount,
        ChooseAccount,
    }

    private static readonly (Act Act, int Weight)[] Weights =
    [
        (Act.Launch, 4), (Act.SendMoney, 14), (Act.CorrectAmount, 3), (Act.CorrectPayee, 3), (Act.ConfirmedIntent, 12),
        (Act.DeniedIntent, 2), (Act.YesIntent, 5), (Act.NoIntent, 2), (Act.RightPin, 12), (Act.WrongPin, 6), (Act.GarbledPin, 1),
        (Act.Repeat, 2), (Act.Help, 2), (Act.Fallback, 2), (Act.Cancel, 1), (Act.Stop, 1), (Act.Balance, 5), (Act.Transactions, 2),
        (Act.Ordinal, 3), (Act.Replay, 5), (Act.ReadAlerts, 3), (Act.ForgetMe, 2),
        (Act.ListAccounts, 2), (Act.BalanceByName, 3), (Act.PayFromNamedAccount, 6), (Act.ChooseAccount, 3),
    ];

    // Accounts as a person may name them: Alice's by name, nickname, kind and last four, and some she does not have.
    private static readonly (string Slot, string Value)[] AccountNames =
    [
        (SlotNames.AccountName, "vacation savings"), (SlotNames.AccountName, "vacation fund"), (SlotNames.AccountName, "savings"),
        (SlotNames.AccountName, "brokerage"), (SlotNames.Account, "savings"), (SlotNames.Account, "rainy day"),
        (SlotNames.LastFour, "4821"), (SlotNames.LastFour, "9034"), (SlotNames.LastFour, "1111"), (SlotNames.LastFour, "?"),
    ];

    private static readonly (string Slot, string Value)[] AccountAnswers =
    [
        (SlotNames.Account, "the first one"), (SlotNames.Account, "the second one"), (SlotNames.Account, "the fifth one"),
        (SlotNames.AccountName, "vacation"), (SlotNames.LastFour, "7710"), (SlotNames.LastFour, "0000"), (SlotNames.Account, "checking"),
    ];

    // Alerts seeded for some people, with amounts and merchants no other speech can contain.
    private static readonly (string EventId, decimal Amount, string Merchant)[] SeededAlerts =
    [
        ("evt-fuzz-1", 7777.13m, "Quillfeather Emporium"), ("evt-fuzz-2", 3131.19m, "Marrowbone Tackle"),
    ];

    private static readonly string[] AlertDetails = ["7,777.13", "Quillfeather", "3,131.19", "Marrowbone"];

    private const string ForgetDone = "Done. I've deleted your voice PIN and your alerts from Voice Pay.";

    // What the skill says when a confirmed action ends: carried out, its outcome, or cancelled.
    private static readonly string[] Ended =
    [
        "I sent", "went through", "othing was sent", "wasn't sent", "no money was moved", "confirm", "didn't go through",
        "haven't deleted", "nothing was deleted", "I've deleted", "locked", "can't check",
    ];

    // Words only the account can produce: funds and today's total refusals, transaction details of the seeded history.
    private static readonly string[] AccountDerived =
    [
        "enough money", "more today", "daily limit of", "Grocery Mart", "Opening balance", "Payroll",

        // Which accounts exist: their names and last fours, or that none fits what was named.
        "Everyday Checking", "College Fund", "Rainy Day", "Vacation Savings", "4821", "3156", "9034", "7710", "couldn't find an account",
    ];

    /// <summary>One person's conversation: the actions, and what the person has and has not allowed.</summary>
    private sealed class Run(World world, int seed, int replaySeed)
    {
        private readonly Random random = new(seed);
        private readonly string user = $"amzn1.ask.account.FUZZ{seed}";
        private readonly StringBuilder transcript = new();
        private readonly Dictionary<(decimal, string), int> authorized = [];
        private readonly HashSet<string> earlierTransfers = [];
        private string session = NewSession();
        private (decimal Amount, string Payee)? readBack;
        private (decimal Amount, string Payee)? confirmed;
        private DateTimeOffset? rightPinAt;
        private bool rightPinInSession;
        private SkillRequest? previous;
        private readonly Dictionary<string, (byte[] Bytes, DateTimeOffset At)> answers = new(StringComparer.Ordinal);
        private int wrongSinceVerified;

        // Sessions, by id, in which the skill logged a verified PIN; in which it asked "shall I delete?";
        // and in which a yes followed that question. A replay is counted in its own (perhaps earlier) session.
        private readonly HashSet<string> verifiedSessions = new(StringComparer.Ordinal);
        private readonly HashSet<string> forgetAskedSessions = new(StringComparer.Ordinal);
        private readonly HashSet<string> forgetYesSessions = new(StringComparer.Ordinal);
        private bool forgotten;
        private HashSet<string> unsettledWhenForgotten = new(StringComparer.Ordinal);

        private SkillHarness Harness => world.Harness;

        public async Task<int> PlayAsync()
        {
            var pins = world.Processes[0].GetRequiredService<VoicePinVerifier>();
            Assert.True(VoicePin.TryParse(RightPin, out var pin));
            await pins.EnrollAsync(user, pin, CancellationToken.None);
            if (random.Next(3) == 0)
            {
                var alerts = world.Processes[0].GetRequiredService<IAlertStore>();
                foreach (var (eventId, amount, merchant) in SeededAlerts.Take(random.Next(1, 3)))
                {
                    await alerts.AddAsync(new UserAlert(user, eventId, BankEventKind.LargeDebit, new Money(amount, "USD"), merchant, "4821", Harness.Time.GetUtcNow()), CancellationToken.None);
                }

                transcript.AppendLine("[alerts seeded]");
            }
            foreach (var _ in world.Harness.Logs.Lines)
            {
                world.Harness.Logs.Lines.TryDequeue(out var _);
            }

            earlierTransfers.UnionWith(LedgerTransfers().Select(t => t.Id));
            var turns = random.Next(20, 32);
            for (var turn = 0; turn < turns; turn++)
            {
                await TurnAsync(turn == 0 ? Act.Launch : Pick());
            }

            return turns;
        }

        private Act Pick()
        {
            var total = Weights.Sum(w => w.Weight);
            var roll = random.Next(total);
            foreach (var (act, weight) in Weights)
            {
                if ((roll -= weight) < 0)
                {
                    return act;
                }
            }

            return Act.Fallback;
        }

        private async Task TurnAsync(Act act)
        {
            if (act == Act.Launch)
            {
                session = NewSession();
                readBack = confirmed = null;
                rightPinInSession = false;
                rightPinAt = null;
            }

            var replay = act == Act.Replay && previous is not null;
            var request = replay ? previous! : Build(act == Act.Replay ? Act.Fallback : act);
            previous = request;

            // Read before faults are armed: the check reads the store, not the turn.
            var waitingBefore = await ConfirmedActionsAsync(request.Session?.SessionId ?? session);
            var faults = InjectFaults();
            var processIndex = random.Next(2);
            var balances = Balances();
            var ledgerBefore = LedgerTransfers().Select(t => t.Id).ToHashSet();
            var requestSession = request.Session?.SessionId ?? session;
            if (IsYes(request) && forgetAskedSessions.Contains(requestSession))
            {
                forgetYesSessions.Add(requestSession);
            }

            SkillResponse response;
            byte[] bytes;
            var at = Harness.Time.GetUtcNow();
            try
            {
                bytes = await world.Processes[processIndex].GetRequiredService<SkillPipeline>().RespondAsync(request, CancellationToken.None);
                response = AlexaJson.ParseResponse(bytes);
            }
            catch (Exception exception)
            {
                throw Fail($"the turn threw {exception}");
            }
            finally
            {
                world.BankFaults.Transfers = BankFault.None;
                world.BankFaults.Reads = BankFault.None;
                world.StoreFaults.Arm(null);
            }

            var said = Speech.Of(response);
            transcript.AppendLine(CultureInfo.InvariantCulture, $"[p{processIndex}{(replay ? " replay" : string.Empty)}{faults}] {Describe(request)} → {said}");
            var gained = LedgerTransfers().Where(t => !ledgerBefore.Contains(t.Id)).ToList();
            CheckReplay(request, bytes, at, gained);
            if (!replay)
            {
                UpdateModel(act, response, said);
            }
            else if (requestSession == session)
            {
                // A retried request the skill answered afresh (its first answer was a failure) can read a payment
                // back: the person heard that read-back, so a yes to it is theirs.
                HeardReadBack(response, said);
            }

            await CheckAsync(said, gained, balances, requestSession);
            await CheckConfirmedActionsAsync(waitingBefore, said, requestSession);
            await CheckAlertsAndForgettingAsync(response, said, gained, requestSession);
            await MaybeDisturbAsync();
        }

        /// <summary>
        /// (h) A request id delivered again within the replay window gets the first answer byte for byte, and nothing
        /// moves; after the window it is a request of its own (request verification refuses it at the host).
        /// </summary>
        private void CheckReplay(SkillRequest request, byte[] bytes, DateTimeOffset at, List<LedgerTransfer> gained)
        {
            var id = request.Request.RequestId!;
            if (answers.TryGetValue(id, out var first) && at - first.At < ReplayOptions.AlexaTimestampTolerance)
            {
                if (!first.Bytes.AsSpan().SequenceEqual(bytes))
                {
                    throw Fail("(h) a replayed request id got another answer than the first");
                }

                if (gained.Count > 0)
                {
                    throw Fail("(h) a replayed request id moved money");
                }

                return;
            }

            answers[id] = (bytes, at);
        }

        private string InjectFaults()
        {
            var faults = string.Empty;
            if (random.Next(100) < 15)
            {
                world.BankFaults.Transfers = (BankFault)random.Next(1, 6);
                faults += " bank:" + world.BankFaults.Transfers;
                if (random.Next(3) == 0)
                {
                    world.BankFaults.Reads = random.Next(2) == 0 ? BankFault.Unreachable : BankFault.Unauthorized;
                    faults += " reads:" + world.BankFaults.Reads;
                }
            }

            if (random.Next(100) < 8)
            {
                var method = StoreFaults.Methods[random.Next(StoreFaults.Methods.Length)];
                world.StoreFaults.Arm(method);
                faults += " store:" + method;
            }

            return faults;
        }

        private async Task MaybeDisturbAsync()
        {
            var roll = random.Next(100);
            if (roll < 2)
            {
                var index = random.Next(2);
                await world.RestartAsync(index);
                transcript.AppendLine(CultureInfo.InvariantCulture, $"[restart p{index}]");
            }
            else if (roll < 6)
            {
                Harness.Time.Advance(TimeSpan.FromSeconds(40));
                transcript.AppendLine("[40 s pass]");
            }
            else if (roll < 8)
            {
                Harness.Time.Advance(TimeSpan.FromMinutes(10));
                transcript.AppendLine("[10 min pass]");
            }
        }

        private SkillRequest Build(Act act)
        {
            SkillRequest Intent(string name, Dictionary<string, string?>? slots = null, string confirmation = ConfirmationStatuses.None) =>
                Envelopes.Intent(name, slots, confirmation: confirmation, sessionId: session);

            var request = act switch
            {
                Act.Launch => Envelopes.Launch(),
                Act.SendMoney => Intent(IntentNames.SendMoney, new() { [SlotNames.Amount] = Choose(Amounts), [SlotNames.Payee] = Choose(Payees), [SlotNames.Cents] = random.Next(5) == 0 ? "50" : null }),
                Act.CorrectAmount => Intent(IntentNames.SendMoney, new() { [SlotNames.Amount] = Choose(Amounts) }),
                Act.CorrectPayee or Act.Ordinal => Intent(IntentNames.SendMoney, new() { [SlotNames.Payee] = act == Act.Ordinal ? Choose<string?>(["the first one", "the second one", "yes", "no"]) : Choose(Payees) }),
                Act.ConfirmedIntent => Intent(IntentNames.SendMoney, new() { [SlotNames.Amount] = "1", [SlotNames.Payee] = "whoever" }, ConfirmationStatuses.Confirmed),
                Act.DeniedIntent => Intent(IntentNames.SendMoney, new() { [SlotNames.Amount] = "1", [SlotNames.Payee] = "whoever" }, ConfirmationStatuses.Denied),
                Act.YesIntent => Intent(IntentNames.Yes),
                Act.NoIntent => Intent(IntentNames.No),
                Act.RightPin => Intent(IntentNames.Pin, new() { [SlotNames.Pin] = RightPin }),
                Act.WrongPin => Intent(IntentNames.Pin, new() { [SlotNames.Pin] = Choose(WrongPins) }),
                Act.GarbledPin => Intent(IntentNames.Pin, new() { [SlotNames.Pin] = "?" }),
                Act.Repeat => Intent(IntentNames.Repeat),
                Act.Help => Intent(IntentNames.Help),
                Act.Cancel => Intent(IntentNames.Cancel),
                Act.Stop => Intent(IntentNames.Stop),
                Act.Balance => Intent(IntentNames.CheckBalance),
                Act.Transactions => Intent(IntentNames.RecentTransactions),
                Act.ReadAlerts => Intent(IntentNames.ReadAlerts),
                Act.ForgetMe => Intent(IntentNames.ForgetMe),
                Act.ListAccounts => Intent(IntentNames.ListAccounts),
                Act.BalanceByName => Intent(IntentNames.CheckBalance, Slot(Choose(AccountNames))),
                Act.PayFromNamedAccount => Intent(IntentNames.SendMoney, new(Slot(Choose(AccountNames))) { [SlotNames.Amount] = Choose(Amounts), [SlotNames.Payee] = Choose(Payees) }),
                Act.ChooseAccount => Intent(IntentNames.SendMoney, Slot(Choose(AccountAnswers))),
                _ => Intent(IntentNames.Fallback),
            };
            request.Session!.SessionId = session;
            request.Session.User!.UserId = user;
            request.Context!.System!.User!.UserId = user;
            return request;
        }

        private static Dictionary<string, string?> Slot((string Slot, string Value) slot) => new() { [slot.Slot] = slot.Value };

        /// <summary>What the person has allowed: a read-back, then a yes, then the right PIN (or one said in the last minutes).</summary>
        private void UpdateModel(Act act, SkillResponse response, string said)
        {
            var now = Harness.Time.GetUtcNow();
            var pinFresh = rightPinAt is { } at && now - at <= TimeSpan.FromMinutes(6);
            if (act is Act.ConfirmedIntent or Act.YesIntent && readBack is { } heard)
            {
                if (pinFresh)
                {
                    Allow(heard);
                }
                else
                {
                    confirmed = heard;
                }
            }

            if (act == Act.RightPin)
            {
                rightPinAt = now;
                rightPinInSession = true;
                if (confirmed is { } waiting)
                {
                    Allow(waiting);
                    confirmed = null;
                }
            }

            var asksPin = response.Response.Reprompt is not null && said.Contains("PIN", StringComparison.Ordinal);
            if (!HeardReadBack(response, said) && !asksPin && !said.StartsWith("Sorry, something went wrong on my side", StringComparison.Ordinal))
            {
                // A failed turn changed nothing on the skill's side, so it takes nothing back on the person's.
                readBack = null;
                confirmed = null;
            }
        }

        private bool HeardReadBack(SkillResponse response, string said)
        {
            if (response.Response.Directives?.OfType<DialogConfirmIntentDirective>().Any() != true || ReadBack.Match(said) is not { Success: true } match)
            {
                return false;
            }

            readBack = (ParseMoney(match.Groups[1].Value), match.Groups[2].Value);
            confirmed = null;
            if (!match.Value.Contains(" from your ", StringComparison.Ordinal))
            {
                world.Tally.NamedAccountReadBacks++;
            }

            return true;
        }

        private void Allow((decimal, string) payment) => authorized[payment] = authorized.GetValueOrDefault(payment) + 1;

        private async Task CheckAsync(string said, List<LedgerTransfer> gained, IReadOnlyList<string> balances, string requestSession)
        {
            var payees = Harness.Bank.Ledger.GetPayees(SkillHarness.AliceCustomer).ToDictionary(p => p.Id, p => p.DisplayName);
            var mine = LedgerTransfers().Where(t => !earlierTransfers.Contains(t.Id)).ToList();

            // (a) and (b): money moves only for a read-back, a yes and a verified PIN, and at most once each.
            foreach (var group in mine.GroupBy(t => (t.Amount, payees[t.PayeeId])))
            {
                if (group.Count() > authorized.GetValueOrDefault(group.Key))
                {
                    throw Fail($"{group.Count()} transfer(s) of {group.Key.Amount} to {group.Key.Item2} on the books, {authorized.GetValueOrDefault(group.Key)} allowed");
                }
            }

            // (c): "sent" exactly when it moved; "nothing was sent" only when nothing did.
            if (Sent.Match(said) is { Success: true } sent && !mine.Any(t => t.Id.EndsWith(sent.Groups[3].Value, StringComparison.Ordinal) && t.Amount == ParseMoney(sent.Groups[1].Value)))
            {
                throw Fail("said it sent a transfer the bank does not have");
            }

            var denies = said.Contains("othing was sent", StringComparison.Ordinal) || said.Contains("no money was moved", StringComparison.Ordinal) || said.Contains("didn't go through", StringComparison.Ordinal);
            if (gained.Count > 0)
            {
                var tells = said.Contains("I sent", StringComparison.Ordinal) || said.Contains("was sent to", StringComparison.Ordinal)
                    || said.Contains("confirm", StringComparison.Ordinal) || said.Contains("went through", StringComparison.Ordinal);
                if (denies || !tells)
                {
                    throw Fail("money moved this turn but the person was not told so");
                }
            }

            // (d): every transfer on the books is journalled, and never as declined.
            var journal = world.Processes[0].GetRequiredService<ITransferJournal>();
            foreach (var transfer in mine)
            {
                var entry = transfer.IdempotencyKey is null ? null : await journal.FindAsync(user, transfer.IdempotencyKey, CancellationToken.None);
                if (entry is null && await IsForgottenAsync())
                {
                    // "Forget me" deletes the settled entries (docs/privacy.md); only unsettled ones are kept.
                    continue;
                }

                if (entry is null || entry.State == JournalState.Declined)
                {
                    throw Fail($"transfer {transfer.Id} is {(entry is null ? "missing from" : "declined in")} the journal");
                }
            }

            // (j): no transfer is created later than the bound after its confirmation (the journal entry's creation). Judged
            // on the skill's clock after the turn, which is no earlier than the bank's commit within it.
            var bound = world.Processes[0].GetRequiredService<Microsoft.Extensions.Options.IOptions<Transfers.TransferTiming>>().Value.SendWithin;
            foreach (var transfer in gained.Where(t => t.IdempotencyKey is not null))
            {
                if (await journal.FindAsync(user, transfer.IdempotencyKey!, CancellationToken.None) is { } entry && Harness.Time.GetUtcNow() - entry.CreatedAt > bound)
                {
                    throw Fail($"transfer {transfer.Id} was created {Harness.Time.GetUtcNow() - entry.CreatedAt} after its confirmation, past the bound of {bound}");
                }
            }

            // (e): no more than three wrong PINs compared between two right ones.
            while (Harness.Logs.Lines.TryDequeue(out var line))
            {
                if (line.StartsWith("Wrong voice PIN", StringComparison.Ordinal) && ++wrongSinceVerified > 3)
                {
                    throw Fail("a fourth wrong PIN was compared inside one lock window");
                }

                if (line.StartsWith("Voice PIN verified", StringComparison.Ordinal))
                {
                    wrongSinceVerified = 0;
                    verifiedSessions.Add(requestSession);
                }
            }

            // (f): before a verified PIN, no balance.
            if (!rightPinInSession && (said.Contains("available", StringComparison.Ordinal) || balances.Any(b => said.Contains(b, StringComparison.Ordinal))))
            {
                throw Fail("a balance was spoken before the PIN");
            }

            // (i): before a verified PIN, nothing that depends on the account: no refusal for funds or today's
            // total (which would let anyone in the room probe them), and no transaction's details.
            if (!verifiedSessions.Contains(requestSession) && AccountDerived.FirstOrDefault(w => said.Contains(w, StringComparison.Ordinal)) is { } derived)
            {
                throw Fail($"before a verified PIN the reply depended on the account (\"{derived}\")");
            }
        }

        /// <summary>The confirmed action kept under the person, and the one in the request's session.</summary>
        private async Task<(string? Person, string? Session)> ConfirmedActionsAsync(string requestSession)
        {
            var store = world.Processes[0].GetRequiredService<IUserStateStore>();
            var person = await store.GetConversationAsync(user, ConfirmedActions.SessionKey, CancellationToken.None);
            var state = await store.GetConversationAsync(user, requestSession, CancellationToken.None);
            return (person, state is not null && state.Contains("\"confirmed\"", StringComparison.Ordinal) ? state : null);
        }

        /// <summary>
        /// (g): a confirmed action (a payment or "forget me" waiting for its PIN) ends only by completion or a
        /// spoken cancellation: when it leaves the person's record or the session, the reply says what became of it.
        /// </summary>
        private async Task CheckConfirmedActionsAsync((string? Person, string? Session) before, string said, string requestSession)
        {
            var after = await ConfirmedActionsAsync(requestSession);
            var gone = (before.Person is not null && after.Person is null) || (before.Session is not null && after.Session is null);
            if (gone && !Ended.Any(w => said.Contains(w, StringComparison.Ordinal)))
            {
                throw Fail("a confirmed action ended without a word of what became of it");
            }
        }

        /// <summary>
        /// (g): an alert's details only after a PIN verified in that session (before or in this turn).
        /// (h): the PIN record goes only in a turn that says so, after a verified PIN and a yes to the read-back in
        /// that session; saying so means it is gone. (i): once forgotten, no new payment moves money (there is no
        /// PIN); only a payment whose outcome was unknown at that moment may still settle.
        /// </summary>
        private async Task CheckAlertsAndForgettingAsync(SkillResponse response, string said, List<LedgerTransfer> gained, string requestSession)
        {
            var card = response.Response.Card is SimpleCard { Content: { } content } ? content : string.Empty;
            if (said.Contains(AlertDetails[0], StringComparison.Ordinal))
            {
                world.Tally.AlertsHeard++;
            }

            if (!verifiedSessions.Contains(requestSession) && AlertDetails.FirstOrDefault(d => said.Contains(d, StringComparison.Ordinal) || card.Contains(d, StringComparison.Ordinal)) is { } detail)
            {
                throw Fail($"an alert's detail ({detail}) was spoken or shown before a verified PIN in the session");
            }

            if (said.Contains("Shall I go ahead?", StringComparison.Ordinal) || said.Contains("Shall I delete your voice PIN", StringComparison.Ordinal))
            {
                forgetAskedSessions.Add(requestSession);
            }

            var enrolled = await world.Processes[0].GetRequiredService<IUserStateStore>().GetPinAsync(user, CancellationToken.None) is not null;
            var saysDone = said.StartsWith(ForgetDone, StringComparison.Ordinal);
            if (!enrolled && !forgotten)
            {
                if (!saysDone || !verifiedSessions.Contains(requestSession) || !forgetYesSessions.Contains(requestSession))
                {
                    throw Fail("the PIN record went without a yes to the read-back, a verified PIN and the words that say so");
                }

                if ((await world.Processes[0].GetRequiredService<IAlertStore>().UnheardAsync(user, CancellationToken.None)).Count > 0)
                {
                    throw Fail("forgotten, but the alerts are still there");
                }

                forgotten = true;
                world.Tally.Forgotten++;
                var journal = world.Processes[0].GetRequiredService<ITransferJournal>();
                unsettledWhenForgotten = [.. (await journal.UnresolvedAsync(user, CancellationToken.None)).Select(e => e.IdempotencyKey)];
            }
            else if (saysDone && enrolled)
            {
                throw Fail("said the PIN was deleted but it is still there");
            }
            else if (enrolled && forgotten)
            {
                throw Fail("the forgotten PIN came back");
            }

            // Forgetting keeps a payment whose outcome is unknown, to settle it with the bank under the same
            // idempotency key (docs/privacy.md); anything else moving money would need the PIN that is gone.
            if (forgotten && gained.FirstOrDefault(t => t.IdempotencyKey is null || !unsettledWhenForgotten.Contains(t.IdempotencyKey)) is { } moved)
            {
                throw Fail($"money moved after the person was forgotten ({moved.Id}), not to settle a payment left unsettled then");
            }
        }

        private async Task<bool> IsForgottenAsync() =>
            forgotten || await world.Processes[0].GetRequiredService<IUserStateStore>().GetPinAsync(user, CancellationToken.None) is null;

        private static bool IsYes(SkillRequest request) =>
            request.Request is IntentRequest { Intent: { } intent }
            && (intent.Name == IntentNames.Yes || (intent.Name == IntentNames.SendMoney && intent.ConfirmationStatus == ConfirmationStatuses.Confirmed));

        private List<LedgerTransfer> LedgerTransfers() => [.. Harness.Bank.Ledger.Transfers()];

        private IReadOnlyList<string> Balances() =>
            [.. Harness.Bank.Ledger.GetAccounts(SkillHarness.AliceCustomer).Select(a => MoneyText.Format(new Money(decimal.Parse(a.AvailableBalance, CultureInfo.InvariantCulture), a.Currency)))];

        private T Choose<T>(T[] options) => options[random.Next(options.Length)];

        private Xunit.Sdk.XunitException Fail(string what) =>
            new Xunit.Sdk.XunitException($"Conversation seed {seed} (replay this test with VOICEPAY_FUZZ_SEED={replaySeed} VOICEPAY_CONVERSATIONS={(seed == replaySeed ? 1 : 5)}): {what}.\n{transcript}");

        private static string NewSession() => $"amzn1.echo-api.session.{Guid.NewGuid()}";

        private static decimal ParseMoney(string text) => decimal.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

        private static string Describe(SkillRequest request) => request.Request switch
        {
            IntentRequest { Intent: var intent } => intent.Name + (intent.ConfirmationStatus is ConfirmationStatuses.Confirmed or ConfirmationStatuses.Denied ? "/" + intent.ConfirmationStatus : string.Empty)
                + string.Concat(intent.Slots.Where(s => s.Value.Value is not null).Select(s => $" {s.Key}={s.Value.Value}")),
            var other => other.Type,
        };
    }
}
