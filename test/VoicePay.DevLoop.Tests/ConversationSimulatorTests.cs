using System.Text.Json;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Simulator;

namespace VoicePay.DevLoop.Tests;

/// <summary>Alexa's side of the dialog, against a scripted skill that records what it was sent.</summary>
public class ConversationSimulatorTests
{
    private readonly ScriptedSkill skill = new();
    private readonly ConversationSimulator simulator;

    public ConversationSimulatorTests() =>
        simulator = new ConversationSimulator(Model.Load(), skill, new SimulatorOptions { Locale = "en-US", SkillId = Model.SkillId });

    [Fact]
    public async Task Launch_builds_the_envelope_alexa_sends()
    {
        skill.Next(Ask("Welcome."));
        var turn = await simulator.SayAsync("Alexa, open voice pay");

        var request = skill.Requests.Single();
        Assert.IsType<LaunchRequest>(request.Request);
        Assert.True(request.Session!.New);
        Assert.StartsWith("amzn1.echo-api.session.", request.Session.SessionId, StringComparison.Ordinal);
        Assert.Equal(Model.SkillId, request.Session.Application?.ApplicationId);
        Assert.Equal(Model.SkillId, request.Context?.System?.Application?.ApplicationId);
        Assert.Equal("amzn1.ask.account.TESTUSER", request.Context?.System?.User?.UserId);
        Assert.Equal("demo-alice-token", request.Session.User?.AccessToken);
        Assert.Equal("en-US", request.Request.Locale);
        Assert.Equal("Welcome.", turn.Speech);
        Assert.False(turn.SessionEnded);
    }

    [Fact]
    public async Task Session_attributes_and_session_id_carry_to_the_next_turn()
    {
        skill.Next(Ask("Welcome.").WithSessionAttribute("step", JsonSerializer.SerializeToElement("one", JsonContext.Default.String)));
        skill.Next(Ask("Okay."));
        await simulator.SayAsync("open voice pay");
        await simulator.SayAsync("help");

        var second = skill.Requests[1];
        Assert.False(second.Session!.New);
        Assert.Equal(skill.Requests[0].Session!.SessionId, second.Session.SessionId);
        Assert.Equal("one", second.Session.Attributes!["step"].GetString());
        Assert.Equal("AMAZON.HelpIntent", ((IntentRequest)second.Request).Intent.Name);
    }

    [Fact]
    public async Task After_ElicitSlot_the_answer_fills_that_slot_of_the_updated_intent()
    {
        skill.Next(Ask("Welcome."));
        skill.Next(Ask("How much?").ElicitSlot("Amount", Intent("SendMoneyIntent", ("Payee", "john miller"))));
        skill.Next(Ask("Send $75.00 to John Miller?"));
        await simulator.SayAsync("open voice pay");
        var first = await simulator.SayAsync("send money to john miller");
        await simulator.SayAsync("seventy five dollars");

        Assert.Equal(DialogStates.Started, ((IntentRequest)skill.Requests[1].Request).DialogState);
        var answer = (IntentRequest)skill.Requests[2].Request;
        Assert.Equal("SendMoneyIntent", answer.Intent.Name);
        Assert.Equal(DialogStates.InProgress, answer.DialogState);
        Assert.Equal("75", answer.Intent.SlotValue("Amount"));
        Assert.Equal("john miller", answer.Intent.SlotValue("Payee"));
        Assert.Contains("Dialog.ElicitSlot Amount", first.Directives);
    }

    [Theory]
    [InlineData("yes", ConfirmationStatuses.Confirmed)]
    [InlineData("no", ConfirmationStatuses.Denied)]
    public async Task After_ConfirmIntent_yes_and_no_set_the_intents_confirmation(string answer, string status)
    {
        skill.Next(Ask("Welcome."));
        skill.Next(Ask("Send $20.00 to Alice Smith?").ConfirmIntent(Intent("SendMoneyIntent", ("Amount", "20"), ("Payee", "Alice Smith"))));
        skill.Next(Ask("Okay."));
        await simulator.SayAsync("open voice pay");
        await simulator.SayAsync("send twenty dollars to alice smith");
        var turn = await simulator.SayAsync(answer);

        var request = (IntentRequest)skill.Requests[2].Request;
        Assert.Equal("SendMoneyIntent", request.Intent.Name);
        Assert.Equal(status, request.Intent.ConfirmationStatus);
        Assert.Equal("Alice Smith", request.Intent.SlotValue("Payee"));
        Assert.Contains(status, turn.Heard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_dialog_directive_yes_is_the_built_in_YesIntent()
    {
        skill.Next(Ask("Welcome."));
        skill.Next(Ask("Anything else?"));
        await simulator.SayAsync("open voice pay");
        await simulator.SayAsync("yes");
        Assert.Equal("AMAZON.YesIntent", ((IntentRequest)skill.Requests[1].Request).Intent.Name);
    }

    [Fact]
    public async Task After_ConfirmSlot_yes_confirms_that_slot()
    {
        skill.Next(Ask("Welcome."));
        skill.Next(Ask("Alice Smith, right?").ConfirmSlot("Payee", Intent("SendMoneyIntent", ("Amount", "20"), ("Payee", "Alice Smith"))));
        skill.Next(Ask("Okay."));
        await simulator.SayAsync("open voice pay");
        await simulator.SayAsync("send twenty dollars to alice smith");
        await simulator.SayAsync("yes");

        var request = (IntentRequest)skill.Requests[2].Request;
        Assert.Equal(ConfirmationStatuses.Confirmed, request.Intent.Slots["Payee"].ConfirmationStatus);
        Assert.Equal(ConfirmationStatuses.None, request.Intent.ConfirmationStatus);
    }

    [Fact]
    public async Task Delegate_plays_the_dialog_models_prompts_then_sends_the_completed_intent()
    {
        skill.Next(Ask("Welcome."));
        skill.Next(ResponseBuilder.Create().DelegateDialog());
        skill.Next(Ask("Done."));
        await simulator.SayAsync("open voice pay");

        // Amount and Payee are required, and the intent needs confirmation (skill-package dialog model).
        var asked = await simulator.SayAsync("send money");
        Assert.Equal(["How much would you like to send? For example, say twenty dollars and fifty cents."], asked.DialogPrompts);
        var payee = await simulator.SayAsync("twenty dollars");
        Assert.Equal(["Who would you like to pay?"], payee.DialogPrompts);
        var confirm = await simulator.SayAsync("john miller");
        Assert.Equal(["Do you want me to send this payment to john miller?"], confirm.DialogPrompts);
        Assert.Equal(2, skill.Requests.Count);

        var done = await simulator.SayAsync("yes");
        var completed = (IntentRequest)skill.Requests[2].Request;
        Assert.Equal(DialogStates.Completed, completed.DialogState);
        Assert.Equal(ConfirmationStatuses.Confirmed, completed.Intent.ConfirmationStatus);
        Assert.Equal("20", completed.Intent.SlotValue("Amount"));
        Assert.Equal("john miller", completed.Intent.SlotValue("Payee"));
        Assert.Equal("Done.", done.Speech);
    }

    [Fact]
    public async Task Dynamic_entities_from_the_skill_resolve_later_turns_of_the_session_only()
    {
        skill.Next(Ask("Welcome.").AddDirective(new DialogUpdateDynamicEntitiesDirective
        {
            Types = [new DynamicEntityType { Name = "PAYEE", Values = [new DynamicEntity { Id = "payee-mom", Name = new DynamicEntityName { Value = "Mary Johnson", Synonyms = ["Mom"] } }] }],
        }));
        skill.Next(ResponseBuilder.Create().Speak(Ssml.Text("Bye.")).EndSession());
        skill.Next(ResponseBuilder.Create().Speak(Ssml.Text("Bye.")).EndSession());
        await simulator.SayAsync("open voice pay");
        var ended = await simulator.SayAsync("send twenty dollars to mom");
        Assert.True(ended.SessionEnded);
        var sent = ((IntentRequest)skill.Requests[1].Request).Intent.Slots["Payee"];
        Assert.Equal("payee-mom", sent.FirstMatch?.Id);

        // A new session (one-shot, no launch): the skill has not sent entities to it.
        var next = await simulator.SayAsync("ask voice pay to send twenty dollars to mom");
        var request = skill.Requests[2];
        Assert.True(request.Session!.New);
        Assert.NotEqual(skill.Requests[1].Session!.SessionId, request.Session.SessionId);
        Assert.Equal("mom", ((IntentRequest)request.Request).Intent.Slots["Payee"].FirstMatch?.Name);
        Assert.Empty(next.Notes);
    }

    [Fact]
    public async Task Exit_sends_a_user_initiated_SessionEndedRequest()
    {
        skill.Next(Ask("Welcome."));
        skill.Next(ResponseBuilder.Create());
        await simulator.SayAsync("open voice pay");
        var turn = await simulator.SayAsync("exit");
        var ended = Assert.IsType<SessionEndedRequest>(skill.Requests[1].Request);
        Assert.Equal("USER_INITIATED", ended.Reason);
        Assert.True(turn.SessionEnded);
        Assert.Null(simulator.SessionId);
    }

    private static ResponseBuilder Ask(string text) => ResponseBuilder.Create().Speak(Ssml.Text(text)).Reprompt(Ssml.Text(text));

    private static Intent Intent(string name, params (string Slot, string Value)[] slots) => new()
    {
        Name = name,
        ConfirmationStatus = ConfirmationStatuses.None,
        Slots = slots.ToDictionary(s => s.Slot, s => new Slot { Name = s.Slot, Value = s.Value, ConfirmationStatus = ConfirmationStatuses.None }),
    };

    /// <summary>Answers with the queued responses in order, and keeps every request it was sent.</summary>
    private sealed class ScriptedSkill : ISkillEndpoint
    {
        private readonly Queue<ResponseBuilder> responses = new();

        public List<SkillRequest> Requests { get; } = [];

        public string Name => "scripted";

        public void Next(ResponseBuilder response) => responses.Enqueue(response);

        public Task<byte[]> SendAsync(byte[] requestJson, CancellationToken cancellationToken)
        {
            // What the simulator sends must be what a skill parses.
            Requests.Add(AlexaJson.ParseRequest(requestJson));
            return Task.FromResult(AlexaJson.SerializeResponse(responses.Dequeue().Build()));
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class JsonContext : System.Text.Json.Serialization.JsonSerializerContext;
