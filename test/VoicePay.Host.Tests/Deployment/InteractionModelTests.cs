using System.Text.Json;
using System.Text.RegularExpressions;
using VoicePay.Skill.Conversation;

namespace VoicePay.Host.Tests.Deployment;

public sealed partial class InteractionModelTests
{
    private const string Number = "AMAZON.NUMBER";
    private const string FourDigitNumber = "AMAZON.FOUR_DIGIT_NUMBER";
    private const string Date = "AMAZON.DATE";

    /// <summary>The slots each intent handler reads, with the type it parses them as.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> ExpectedSlots = new()
    {
        [IntentNames.CheckBalance] = new()
        {
            [SlotNames.Account] = SlotTypeNames.AccountType,
            [SlotNames.AccountName] = SlotTypeNames.AccountName,
            [SlotNames.LastFour] = FourDigitNumber,
        },
        [IntentNames.RecentTransactions] = new() { [SlotNames.Count] = Number },
        [IntentNames.SendMoney] = new()
        {
            [SlotNames.Amount] = Number,
            [SlotNames.Cents] = Number,
            [SlotNames.Payee] = SlotTypeNames.Payee,
            [SlotNames.Account] = SlotTypeNames.AccountType,
            [SlotNames.AccountName] = SlotTypeNames.AccountName,
            [SlotNames.LastFour] = FourDigitNumber,
        },
        [IntentNames.Pin] = new() { [SlotNames.Pin] = FourDigitNumber },
        [IntentNames.Spending] = new() { [SlotNames.Merchant] = SlotTypeNames.Merchant, [SlotNames.Date] = Date },
        [IntentNames.MoneyIn] = new() { [SlotNames.Merchant] = SlotTypeNames.Merchant, [SlotNames.Date] = Date },
        [IntentNames.LastPayment] = new() { [SlotNames.Merchant] = SlotTypeNames.Merchant, [SlotNames.Date] = Date, [SlotNames.Person] = "AMAZON.Person" },

        // Codes never start with 0 (docs/payments-api.yaml), so a number slot loses nothing.
        [IntentNames.Code] = new() { [SlotNames.Code] = "AMAZON.NUMBER" },
        [IntentNames.MoveMoney] = new()
        {
            [SlotNames.MoveAmount] = Number,
            [SlotNames.MoveCents] = Number,
            [SlotNames.FromAccount] = SlotTypeNames.AccountType,
            [SlotNames.FromAccountName] = SlotTypeNames.AccountName,
            [SlotNames.FromLastFour] = FourDigitNumber,
            [SlotNames.ToAccount] = SlotTypeNames.AccountType,
            [SlotNames.ToAccountName] = SlotTypeNames.AccountName,
            [SlotNames.ToLastFour] = FourDigitNumber,
        },
    };

    [Theory]
    [MemberData(nameof(Locales))]
    public void Invocation_name_is_voice_pay(string locale)
    {
        Assert.Equal("voice pay", InteractionModel.Load(locale).InvocationName);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Declares_exactly_the_intents_the_code_names(string locale)
    {
        var model = InteractionModel.Load(locale);

        Assert.Equal(Sorted(RepositoryFiles.ConstantsOf(typeof(IntentNames))), Sorted(model.IntentNames));
        Assert.Equal(model.IntentNames.Count, model.IntentNames.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Every_intent_declares_the_slots_its_handler_reads_with_the_right_types(string locale)
    {
        var model = InteractionModel.Load(locale);

        foreach (var intent in model.IntentNames)
        {
            var expected = ExpectedSlots.GetValueOrDefault(intent) ?? [];
            Assert.Equal(Sorted(expected.Select(Describe)), Sorted(model.SlotsOf(intent).Select(Describe)));
        }

        var usedSlotNames = model.Intents.SelectMany(intent => InteractionModel.SlotsOf(intent).Keys).Distinct();
        Assert.Equal(Sorted(RepositoryFiles.ConstantsOf(typeof(SlotNames))), Sorted(usedSlotNames));
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Slot_types_are_built_in_or_declared_and_every_declared_type_is_used(string locale)
    {
        var model = InteractionModel.Load(locale);
        var declared = model.Types.Select(type => type.GetProperty("name").GetString()!).ToList();
        var referenced = model.Intents.SelectMany(intent => InteractionModel.SlotsOf(intent).Values)
            .Concat(model.DialogIntents.SelectMany(intent => InteractionModel.SlotsOf(intent).Values))
            .Distinct()
            .ToList();

        Assert.All(referenced, type => Assert.True(type.StartsWith("AMAZON.", StringComparison.Ordinal) || declared.Contains(type), $"{type} is not declared"));
        Assert.Equal(Sorted(RepositoryFiles.ConstantsOf(typeof(SlotTypeNames))), Sorted(declared));
        Assert.All(model.Types, type => Assert.NotEmpty(type.GetProperty("values").EnumerateArray()));
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Account_type_resolves_to_the_ids_the_code_switches_on(string locale)
    {
        var ids = ValuesOf(InteractionModel.Load(locale), SlotTypeNames.AccountType).Keys;

        Assert.Equal(["ALL", "CHECKING", "SAVINGS"], Sorted(ids));
    }

    [Theory]
    [InlineData("en-US", "checking", "CHECKING")]
    [InlineData("en-US", "savings account", "SAVINGS")]
    [InlineData("en-US", "all my accounts", "ALL")]
    [InlineData("en-GB", "current account", "CHECKING")]
    [InlineData("en-GB", "current", "CHECKING")]
    [InlineData("en-GB", "savings", "SAVINGS")]
    public void Account_words_people_use_resolve_to_the_right_account(string locale, string spoken, string id)
    {
        var values = ValuesOf(InteractionModel.Load(locale), SlotTypeNames.AccountType);

        Assert.Contains(spoken, values[id]);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Utterances_reference_only_slots_of_their_intent(string locale)
    {
        var model = InteractionModel.Load(locale);

        Assert.All(model.AllUtterances(), item =>
        {
            var slots = model.SlotsOf(item.Intent);
            Assert.All(InteractionModel.SlotReferences(item.Utterance), slot => Assert.True(slots.ContainsKey(slot), $"'{item.Utterance}' in {item.Intent} uses undeclared slot {slot}"));
            var withoutSlots = SlotReferenceOrBrace().Replace(item.Utterance, match => match.Value.Length > 1 ? "x" : "!");
            Assert.DoesNotContain('!', withoutSlots);
        });
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Utterances_use_only_characters_alexa_accepts_and_are_not_repeated(string locale)
    {
        var model = InteractionModel.Load(locale);
        var utterances = model.AllUtterances().ToList();

        Assert.All(utterances, item => Assert.Matches(AcceptedUtterance(), item.Utterance));
        var repeated = utterances.GroupBy(item => item.Utterance.ToUpperInvariant()).Where(group => group.Count() > 1).Select(group => group.Key);
        Assert.Empty(repeated);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Custom_intents_have_enough_samples_to_train_on(string locale)
    {
        var model = InteractionModel.Load(locale);

        foreach (var intent in ExpectedSlots.Keys)
        {
            Assert.True(model.SamplesOf(intent).Count >= 8, $"{intent} has too few samples in {locale}");
        }
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Slot_samples_mention_the_slot_they_elicit(string locale)
    {
        var model = InteractionModel.Load(locale);

        foreach (var intent in model.Intents)
        {
            if (!intent.TryGetProperty("slots", out var slots))
            {
                continue;
            }

            foreach (var slot in slots.EnumerateArray().Where(slot => slot.TryGetProperty("samples", out _)))
            {
                var name = slot.GetProperty("name").GetString()!;
                Assert.All(slot.GetProperty("samples").EnumerateArray(), sample => Assert.Contains(name, InteractionModel.SlotReferences(sample.GetString()!)));
            }
        }
    }

    [Theory]
    [InlineData("en-US", "what's my balance", IntentNames.CheckBalance)]
    [InlineData("en-US", "how much is in my {Account}", IntentNames.CheckBalance)]
    [InlineData("en-US", "what are my recent transactions", IntentNames.RecentTransactions)]
    [InlineData("en-US", "what are my last {Count} transactions", IntentNames.RecentTransactions)]
    [InlineData("en-US", "send {Amount} dollars to {Payee}", IntentNames.SendMoney)]
    [InlineData("en-US", "pay {Payee} {Amount} dollars", IntentNames.SendMoney)]
    [InlineData("en-US", "send {Amount} dollars and {Cents} cents to {Payee}", IntentNames.SendMoney)]
    [InlineData("en-US", "send {Amount} dollars to {Payee} from my {Account}", IntentNames.SendMoney)]
    [InlineData("en-US", "my pin is {Pin}", IntentNames.Pin)]
    [InlineData("en-US", "{Pin}", IntentNames.Pin)]
    [InlineData("en-GB", "what's my balance", IntentNames.CheckBalance)]
    [InlineData("en-GB", "how much have I got in my {Account}", IntentNames.CheckBalance)]
    [InlineData("en-GB", "what are my recent transactions", IntentNames.RecentTransactions)]
    [InlineData("en-GB", "send {Amount} pounds to {Payee}", IntentNames.SendMoney)]
    [InlineData("en-GB", "send {Amount} pounds and {Cents} pence to {Payee}", IntentNames.SendMoney)]
    [InlineData("en-GB", "send {Amount} pounds {Cents} to {Payee}", IntentNames.SendMoney)]
    [InlineData("en-GB", "my pin is {Pin}", IntentNames.Pin)]
    [InlineData("en-GB", "{Pin}", IntentNames.Pin)]

    // Corrections at the read-back: Alexa routes them to the intent being confirmed.
    [InlineData("en-US", "make it {Amount} dollars", IntentNames.SendMoney)]
    [InlineData("en-US", "no to {Payee}", IntentNames.SendMoney)]
    [InlineData("en-US", "send it to {Payee} instead", IntentNames.SendMoney)]
    [InlineData("en-GB", "make it {Amount} pounds", IntentNames.SendMoney)]
    [InlineData("en-GB", "no to {Payee}", IntentNames.SendMoney)]

    // Spending questions (issue 19 item 2).
    [InlineData("en-US", "how much did I spend at {Merchant} {Date}", IntentNames.Spending)]
    [InlineData("en-US", "what did I spend {Date}", IntentNames.Spending)]
    [InlineData("en-US", "did my {Merchant} payment go through", IntentNames.LastPayment)]
    [InlineData("en-US", "when did I last pay {Merchant}", IntentNames.LastPayment)]
    [InlineData("en-US", "how much did I get from {Merchant} in {Date}", IntentNames.MoneyIn)]
    [InlineData("en-US", "when did I last send money to {Person}", IntentNames.LastPayment)]
    [InlineData("en-GB", "when did I last send money to {Person}", IntentNames.LastPayment)]
    [InlineData("en-GB", "how much did I spend at {Merchant} {Date}", IntentNames.Spending)]
    [InlineData("en-GB", "when did I last pay {Merchant}", IntentNames.LastPayment)]
    [InlineData("en-GB", "how much did I get from {Merchant} in {Date}", IntentNames.MoneyIn)]
    public void Everyday_phrasings_are_samples_of_the_intended_intent(string locale, string utterance, string intent)
    {
        Assert.Contains(utterance, InteractionModel.Load(locale).SamplesOf(intent));
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Yes_no_and_repeat_are_in_the_model_so_they_reach_the_conversation(string locale)
    {
        var intents = InteractionModel.Load(locale).IntentNames;

        Assert.Contains(IntentNames.Yes, intents);
        Assert.Contains(IntentNames.No, intents);
        Assert.Contains(IntentNames.Repeat, intents);
    }

    [Theory]
    [InlineData("en-US", "pound", "pence", "quid")]
    [InlineData("en-GB", "dollar", "cents", "bucks")]
    public void Each_locale_speaks_its_own_currency(string locale, params string[] foreignWords)
    {
        var model = InteractionModel.Load(locale);
        var texts = model.AllUtterances().Select(item => item.Utterance)
            .Concat(model.Prompts.SelectMany(prompt => prompt.GetProperty("variations").EnumerateArray().Select(variation => variation.GetProperty("value").GetString()!)));

        Assert.All(texts, text =>
        {
            var spoken = SlotReferenceOrBrace().Replace(text, " ");
            Assert.All(foreignWords, word => Assert.DoesNotContain(word, spoken, StringComparison.OrdinalIgnoreCase));
        });
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Send_money_dialog_is_driven_by_the_skill_and_always_confirmed(string locale)
    {
        var model = InteractionModel.Load(locale);
        var dialog = model.DialogIntents.Single(intent => intent.GetProperty("name").GetString() == IntentNames.SendMoney);

        Assert.Equal("SKILL_RESPONSE", dialog.GetProperty("delegationStrategy").GetString());
        Assert.True(dialog.GetProperty("confirmationRequired").GetBoolean());
        Assert.StartsWith("Confirm.Intent.", dialog.GetProperty("prompts").GetProperty("confirmation").GetString(), StringComparison.Ordinal);
        Assert.Equal(Sorted(model.SlotsOf(IntentNames.SendMoney).Select(Describe)), Sorted(InteractionModel.SlotsOf(dialog).Select(Describe)));

        var slots = dialog.GetProperty("slots").EnumerateArray().ToDictionary(slot => slot.GetProperty("name").GetString()!);
        foreach (var required in new[] { SlotNames.Amount, SlotNames.Payee })
        {
            Assert.True(slots[required].GetProperty("elicitationRequired").GetBoolean(), $"{required} must be elicited");
            Assert.StartsWith("Elicit.Slot.", slots[required].GetProperty("prompts").GetProperty("elicitation").GetString(), StringComparison.Ordinal);
        }

        foreach (var optional in new[] { SlotNames.Cents, SlotNames.Account })
        {
            Assert.False(slots[optional].GetProperty("elicitationRequired").GetBoolean(), $"{optional} is optional");
        }
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public void Dialog_prompt_ids_and_declared_prompts_match_one_to_one(string locale)
    {
        var model = InteractionModel.Load(locale);
        var referenced = new List<(string Intent, string Id)>();
        foreach (var intent in model.DialogIntents)
        {
            var name = intent.GetProperty("name").GetString()!;
            Assert.Contains(name, model.IntentNames);
            referenced.AddRange(PromptIdsIn(intent).Select(id => (name, id)));
            foreach (var slot in intent.GetProperty("slots").EnumerateArray())
            {
                referenced.AddRange(PromptIdsIn(slot).Select(id => (name, id)));
            }
        }

        var declared = model.Prompts.ToDictionary(prompt => prompt.GetProperty("id").GetString()!);
        Assert.Equal(Sorted(referenced.Select(item => item.Id).Distinct()), Sorted(declared.Keys));

        foreach (var (intent, id) in referenced)
        {
            Assert.Matches(PromptId(), id);
            var variations = declared[id].GetProperty("variations").EnumerateArray().ToList();
            Assert.NotEmpty(variations);
            Assert.All(variations, variation =>
            {
                Assert.Equal("PlainText", variation.GetProperty("type").GetString());
                var text = variation.GetProperty("value").GetString()!;
                Assert.False(string.IsNullOrWhiteSpace(text));
                Assert.All(InteractionModel.SlotReferences(text), slot => Assert.Contains(slot, model.SlotsOf(intent).Keys));
            });
        }
    }

    [Fact]
    public void Both_locales_declare_the_same_intents_slots_types_and_dialog()
    {
        var us = InteractionModel.Load("en-US");
        var gb = InteractionModel.Load("en-GB");

        Assert.Equal(Signature(us), Signature(gb));
    }

    public static TheoryData<string> Locales => InteractionModel.Locales;

    private static List<string> Signature(InteractionModel model) =>
    [
        .. model.Intents.SelectMany(intent => InteractionModel.SlotsOf(intent).Select(slot => $"intent {intent.GetProperty("name").GetString()} {Describe(slot)}")
            .DefaultIfEmpty($"intent {intent.GetProperty("name").GetString()}")),
        .. model.Types.SelectMany(type => ValuesOf(model, type.GetProperty("name").GetString()!).Keys.Select(id => $"type {type.GetProperty("name").GetString()} {id}")),
        .. model.DialogIntents.SelectMany(intent => intent.GetProperty("slots").EnumerateArray().Select(slot =>
            $"dialog {intent.GetProperty("name").GetString()} {intent.GetProperty("delegationStrategy").GetString()} {intent.GetProperty("confirmationRequired").GetBoolean()} {slot.GetProperty("name").GetString()} {slot.GetProperty("elicitationRequired").GetBoolean()}")),
    ];

    private static Dictionary<string, List<string>> ValuesOf(InteractionModel model, string typeName) =>
        model.Types.Single(type => type.GetProperty("name").GetString() == typeName)
            .GetProperty("values").EnumerateArray()
            .ToDictionary(
                value => value.GetProperty("id").GetString()!,
                value =>
                {
                    var name = value.GetProperty("name");
                    var synonyms = name.TryGetProperty("synonyms", out var list) ? list.EnumerateArray().Select(synonym => synonym.GetString()!) : [];
                    return synonyms.Prepend(name.GetProperty("value").GetString()!).ToList();
                });

    private static IEnumerable<string> PromptIdsIn(JsonElement element) =>
        element.TryGetProperty("prompts", out var prompts)
            ? prompts.EnumerateObject().Select(prompt => prompt.Value.GetString()!)
            : [];

    private static string Describe(KeyValuePair<string, string> slot) => $"{slot.Key}:{slot.Value}";

    private static List<string> Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    // Letters, spaces, apostrophes, periods and hyphens only: Alexa rejects digits and other punctuation.
    [GeneratedRegex(@"^(?:[A-Za-z' .\-]|\{[A-Za-z]+\})+$")]
    private static partial Regex AcceptedUtterance();

    [GeneratedRegex(@"\{[^{}]*\}|[{}]")]
    private static partial Regex SlotReferenceOrBrace();

    [GeneratedRegex(@"^(Elicit\.Slot|Confirm\.Slot|Confirm\.Intent|Slot\.Validation)\.[A-Za-z0-9.]+$")]
    private static partial Regex PromptId();
}
